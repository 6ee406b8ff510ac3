// Which chunk draws each view. The two views a start opens on (the roles for a new user,
// Today once a plan exists) come with the app's own script: fetched as chunks of their
// own, the first screen waited one more request for them. Every other view is its own
// chunk, fetched the first time it is shown, and Chart.js comes only with the views that
// draw charts.
import type { Component } from "svelte";
import type { View } from "./app.svelte";
import Roles from "../views/Roles.svelte";
import Today from "../views/Today.svelte";

export const VIEWS: Record<View, () => Promise<{ default: Component }>> = {
  today: async () => ({ default: Today }),
  welcome: async () => ({ default: Roles }),
  assess: () => import("../views/Assess.svelte"),
  fit: () => import("../views/Fit.svelte"),
  gap: () => import("../views/Gap.svelte"),
  plan: () => import("../views/Plan.svelte"),
  log: () => import("../views/Log.svelte"),
  timeline: () => import("../views/Timeline.svelte"),
  own: () => import("../views/Own.svelte"),
  settings: () => import("../views/Settings.svelte"),
};
