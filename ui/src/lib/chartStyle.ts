// How Pathwise's charts look: colours from the theme and the marker lines. Kept apart from
// charts.ts so views can build a chart's configuration without pulling in Chart.js itself.
import type { Chart } from "chart.js";

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
    danger: v("--danger", "#b3261e"),
  };
}

/** A vertical marker across a chart: at a category label or an x value. */
export type Marker = { at: string | number; color: string; label: string; dash?: number[] };

/** A plugin that draws `markers` as labelled vertical lines (today, a deadline). */
export function markerPlugin(markers: Marker[]) {
  return {
    id: "markers",
    afterDatasetsDraw(chart: Chart) {
      const x = chart.scales.x;
      if (!x) return;
      const { ctx, chartArea } = chart;
      for (const m of markers) {
        const labels = (chart.data.labels ?? []) as unknown[];
        const px = typeof m.at === "string" ? x.getPixelForValue(labels.indexOf(m.at)) : x.getPixelForValue(m.at);
        if (!Number.isFinite(px) || px < chartArea.left || px > chartArea.right) continue;
        ctx.save();
        ctx.strokeStyle = m.color;
        ctx.fillStyle = m.color;
        ctx.lineWidth = 2;
        ctx.setLineDash(m.dash ?? []);
        ctx.beginPath();
        ctx.moveTo(px, chartArea.top);
        ctx.lineTo(px, chartArea.bottom);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.font = "12px system-ui, sans-serif";
        ctx.textAlign = px > chartArea.right - 80 ? "right" : "left";
        ctx.fillText(m.label, px + (ctx.textAlign === "right" ? -4 : 4), chartArea.top + 12);
        ctx.restore();
      }
    },
  };
}
