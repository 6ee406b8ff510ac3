import { mount } from "svelte";
import App from "./App.svelte";
import { api } from "./api";
import { app, load } from "./lib/app.svelte";
import { readOpening } from "./lib/opening";
import { VIEWS } from "./lib/views";
import "./app.css";

// The window stays empty until the first screen can be drawn whole: no frame shows the
// header over "Loading" with the view popping in after. What that screen shows usually
// came with the page (the opening); without it, the data and the store's state are asked
// for together. The views a start opens on come with this script (lib/views.ts).
const opening = readOpening();
Promise.all([
  // A failure here is shown by the views when they touch the store.
  opening ? opening.info : api.appInfo().catch(() => null),
  load(opening),
]).then(async ([info]) => {
  if (!info?.problem && !app.error) await VIEWS[app.view]().catch(() => {});
  mount(App, { target: document.getElementById("app")!, props: { info } });
});
