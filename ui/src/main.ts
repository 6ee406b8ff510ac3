import { mount } from "svelte";
import App from "./App.svelte";
import { api } from "./api";
import { app, load } from "./lib/app.svelte";
import { VIEWS } from "./lib/views";
import "./app.css";

// The window stays empty until the first screen can be drawn whole: no frame shows the
// header over "Loading" with the view popping in after. The data, the store's state and
// the chunks of the two views a start most often opens on are asked for together.
VIEWS.welcome().catch(() => {});
VIEWS.today().catch(() => {});
Promise.all([
  // A failure here is shown by the views when they touch the store.
  api.appInfo().catch(() => null),
  load(),
]).then(async ([info]) => {
  if (!info?.problem && !app.error) await VIEWS[app.view]().catch(() => {});
  mount(App, { target: document.getElementById("app")!, props: { info } });
});
