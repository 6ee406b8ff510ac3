// Chart.js with only the pieces Pathwise uses, so the bundle stays small.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from "chart.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Filler, Legend, Tooltip);

/** Colours from the current theme's CSS variables, so charts follow light and dark. */
export function palette() {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    text: v("--text", "#1b2230"),
    muted: v("--muted", "#5a6478"),
    grid: v("--border", "#d9deea"),
    accent: v("--accent", "#2f5fb3"),
    second: v("--chart-2", "#d9822b"),
    third: v("--chart-3", "#2e9d6a"),
  };
}

export { Chart, type ChartConfiguration };
