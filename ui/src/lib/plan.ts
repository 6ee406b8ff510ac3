// Words for what the backend computed about a plan: a step's state, the forecast. The
// numbers come from the commands; this only says them.
import type { ItemStatus } from "../bindings/ItemStatus";
import type { PlanView } from "../bindings/PlanView";
import type { PlanItem } from "../bindings/PlanItem";
import { t } from "../i18n/index.svelte";
import { app, hours, skillName } from "./app.svelte";

/** The item with step id `id`, and its status. */
export function step(view: PlanView, id: string): { item: PlanItem; status: ItemStatus } | null {
  const i = view.status.items.findIndex((s) => s.id === id);
  return i < 0 ? null : { item: view.plan.items[i], status: view.status.items[i] };
}

export function stepName(item: PlanItem): string {
  return `${skillName(item.skill)} → ${item.level}`;
}

/** The state in words, with its date or hours. */
export function stateText(item: PlanItem, s: ItemStatus): string {
  switch (s.state) {
    case "done":
      return s.by_assessment
        ? t("state.assessed", { date: s.done_on ?? "" })
        : t("state.doneOn", { date: s.done_on ?? "" });
    case "late":
      return s.logged_hours > 0
        ? t("state.lateWithHours", { date: item.due, logged: hours(s.logged_hours), planned: hours(item.hours) })
        : t("state.lateText", { date: item.due });
    case "in_progress":
      return t("state.inProgress", { logged: hours(s.logged_hours), planned: hours(item.hours) });
    default:
      // A step whose start has passed is simply due; one still ahead starts later.
      return item.start <= app.today
        ? t("state.dueText", { date: item.due, planned: hours(item.hours) })
        : t("state.upcomingText", { planned: hours(item.hours) });
  }
}

const pct = (x: number) => `${Math.round(x * 100)}`;
const ratio = (x: number) => (Math.round(x * 10) / 10).toString();

/** The forecast as one or two sentences. */
export function forecastText(view: PlanView): string {
  const f = view.forecast;
  const parts: string[] = [];
  if (view.status.open === 0) return t("forecast.finished");
  if (!f.from_history) {
    parts.push(t("forecast.plan", { p50: f.p50, p80: f.p80 }));
  } else if (f.weeks_observed === 0) {
    // No week at these hours is over yet: the hours are taken at their word.
    parts.push(
      t("forecast.paceOnly", {
        pace: ratio(f.pace.median),
        planned: hours(view.plan.weekly_hours),
        p50: f.p50,
        p80: f.p80,
      }),
    );
  } else {
    parts.push(
      t("forecast.pace", {
        pace: ratio(f.pace.median),
        studied: hours(f.capacity.median * view.plan.weekly_hours),
        planned: hours(view.plan.weekly_hours),
        p50: f.p50,
        p80: f.p80,
      }),
    );
  }
  if (f.deadline_probability !== null && view.plan.input.deadline) {
    parts.push(t("forecast.deadline", { p: pct(f.deadline_probability), date: view.plan.input.deadline }));
  }
  return parts.join(" ");
}
