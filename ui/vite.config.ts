import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    target: "es2022",
    // One JS and one CSS file keep the strict CSP simple and startup to one request each.
    cssCodeSplit: false,
    rollupOptions: {
      output: {
        // Everything the first screen runs is in the entry script, one request: the views
        // shown later, and what only they use (Chart.js, the date field, the file flows),
        // stay chunks of their own. Without this, the code the views share was split into
        // a second script the first screen also waited for.
        manualChunks: (id: string) =>
          /\/src\/views\/(?!Roles|Today)/.test(id) || /chart|kurkle|DateField|ForecastLine|ImportFlow|ExportButton/i.test(id)
            ? undefined
            : "index",
      },
    },
  },
  // Component tests mount Svelte in jsdom, which needs its browser build.
  ...(mode === "test" ? { resolve: { conditions: ["browser"] } } : {}),
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
  },
}));
