// Which chunk draws each view. Each view is its own chunk, fetched the first time it is
// shown: the first screen parses only its own view, and Chart.js comes only with the views
// that draw charts.
import type { Component } from "svelte";
import type { View } from "./app.svelte";

export const VIEWS: Record<View, () => Promise<{ default: Component }>> = {
  today: () => import("../views/Today.svelte"),
  welcome: () => import("../views/Roles.svelte"),
  assess: () => import("../views/Assess.svelte"),
  fit: () => import("../views/Fit.svelte"),
  gap: () => import("../views/Gap.svelte"),
  plan: () => import("../views/Plan.svelte"),
  log: () => import("../views/Log.svelte"),
  timeline: () => import("../views/Timeline.svelte"),
  own: () => import("../views/Own.svelte"),
  settings: () => import("../views/Settings.svelte"),
};
