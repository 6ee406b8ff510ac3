import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { app, backupReason, countText, daysText, descriptor, firstView, hours, hoursText, load, loadCatalog, noteText, percent, ratedLevel, saveSettings, slipText } from "./app.svelte";
import { i18n } from "../i18n/index.svelte";
import { readOpening } from "./opening";
import type { Opening } from "../bindings/Opening";

const settings = {
  language: "zh",
  theme: "dark",
  weekly_hours: [1, 1, 1, 1, 1, 2, 2],
  start_date: null,
  target_role: null,
  onboarded: false,
};

/** Read through a function: a test that just set `app.catalog` to null would narrow it. */
function firstRole(): string | undefined {
  return app.catalog?.roles[0]?.id;
}

afterEach(() => {
  clearMocks();
  i18n.lang = "en";
});

describe("app state", () => {
  it("loads settings, applies language and theme, and starts new users at the welcome", async () => {
    mockIPC((cmd) => {
      if (cmd === "get_settings") return settings;
      if (cmd === "catalog") return { categories: [], skills: [], roles: [], levels: [] };
      if (cmd === "profile") return { levels: { sql: 2 }, history: {}, hours: {}, rated: ["sql"] };
      if (cmd === "today_date") return "2026-11-29";
    });
    await load();
    expect(app.error).toBeNull();
    expect(app.today).toBe("2026-11-29");
    expect(i18n.lang).toBe("zh");
    expect(document.documentElement.dataset.theme).toBe("dark");
    expect(app.view).toBe("welcome");
    expect(app.profile?.levels.sql).toBe(2);
  });

  it("draws a new user's first screen without the catalog, which follows and stays fresh", async () => {
    app.settings = null;
    app.catalog = null;
    let catalogs = 0;
    mockIPC((cmd) => {
      if (cmd === "get_settings") return { ...settings, onboarded: false };
      if (cmd === "catalog") return { categories: [], skills: [], roles: [{ id: catalogs++ === 0 ? "first" : "again" }], levels: [] };
      if (cmd === "profile") return { levels: {}, history: {}, hours: {}, rated: [] };
      if (cmd === "today_date") return "2026-11-29";
      if (cmd === "active_plan") return null;
    });
    await load();
    expect(app.view).toBe("welcome");
    expect(app.catalog).toBeNull();
    expect(catalogs).toBe(0);
    await loadCatalog();
    expect(firstRole()).toBe("first");
    await loadCatalog();
    expect(catalogs).toBe(1);
    // Later loads (after an import, a new own role) bring the catalog before they return.
    await load();
    expect(firstRole()).toBe("again");
  });

  it("takes the first screen's data from the opening and asks only for the catalog it needs", async () => {
    app.settings = null;
    app.catalog = null;
    const asked: string[] = [];
    mockIPC((cmd) => {
      asked.push(cmd);
      if (cmd === "catalog") return { categories: [], skills: [], roles: [{ id: "r" }], levels: [] };
    });
    const opening = {
      info: { version: "0.1.0", data_dir: "/d", database: "/d/p.db", schema_version: 3, problem: null, backup_failure: null },
      settings: { ...settings, language: "en", onboarded: true },
      profile: { levels: { sql: 3 }, history: {}, hours: {}, rated: ["sql"] },
      today: "2026-12-06",
      has_plan: true,
    } as unknown as Opening;
    await load(opening);
    expect(asked).toEqual(["catalog"]);
    expect(app.view).toBe("today");
    expect(app.today).toBe("2026-12-06");
    expect(app.profile?.levels.sql).toBe(3);
    expect(firstRole()).toBe("r");
    expect(firstView(opening.settings, false)).toBe("fit");
    expect(firstView({ ...opening.settings, onboarded: false }, false)).toBe("welcome");
  });

  it("reads the opening from the page once, and nothing from a page without a good one", () => {
    const put = (text: string) => {
      const element = document.createElement("script");
      element.type = "application/json";
      element.id = "opening";
      element.textContent = text;
      document.head.append(element);
    };
    put('{"info":{},"settings":{},"profile":{},"today":"2026-12-06","has_plan":false,"note":"\\u003c/script>"}');
    const read = readOpening();
    expect(read?.today).toBe("2026-12-06");
    expect((read as unknown as { note: string }).note).toBe("</script>");
    expect(document.getElementById("opening")).toBeNull();
    expect(readOpening()).toBeNull();
    put('{"info":{},"settings":{},"profile":{},"today":20261206,"has_plan":false}');
    expect(readOpening()).toBeNull();
    put("{not json");
    expect(readOpening()).toBeNull();
  });

  it("waits for the catalog when the first view needs it", async () => {
    app.settings = null;
    app.catalog = null;
    mockIPC((cmd) => {
      if (cmd === "get_settings") return { ...settings, onboarded: true };
      if (cmd === "catalog") return { categories: [], skills: [], roles: [{ id: "r" }], levels: [] };
      if (cmd === "profile") return { levels: {}, history: {}, hours: {}, rated: [] };
      if (cmd === "today_date") return "2026-11-29";
    });
    await load();
    expect(app.view).toBe("fit");
    expect(firstRole()).toBe("r");
  });

  it("says a failed command's problems in the UI's language", async () => {
    mockIPC(() => {
      throw {
        kind: "disk_full",
        problems: [{ path: "", code: "disk_full", args: {} }],
        message: "the disk is full; free some space and try again",
      };
    });
    await load();
    expect(app.error).toBe("the disk is full; free some space and try again");
    i18n.lang = "zh";
    await load();
    expect(app.error).toMatch(/磁盘/);
  });

  it("saves settings through the command and applies what it returns", async () => {
    let saved: unknown = null;
    mockIPC((cmd, args) => {
      if (cmd === "save_settings") {
        saved = (args as { settings: unknown }).settings;
        return saved;
      }
    });
    app.settings = { ...settings, language: "en", theme: "system" } as typeof app.settings;
    await saveSettings({ theme: "light" });
    expect((saved as { theme: string }).theme).toBe("light");
    expect(document.documentElement.dataset.theme).toBe("light");
  });

  it("formats hours and percentages for people", () => {
    expect(hours(12.345)).toBe("12.3");
    expect(hours(1234)).toBe("1,234");
    expect(percent(66.6)).toBe("67%");
  });

  it("says hours, days and slips in each language, with plurals", () => {
    expect(daysText(1)).toBe("1 day");
    expect(daysText(0)).toBe("0 days");
    expect(daysText(2)).toBe("2 days");
    expect(slipText(-7)).toBe("7 days ahead");
    expect(slipText(3)).toBe("3 days later");
    expect(slipText(0)).toBe("on time");
    expect(hoursText(2.5)).toBe("2.5 h");
    i18n.lang = "zh";
    expect(daysText(1)).toBe("1 天");
    expect(slipText(-7)).toBe("提前 7 天");
    expect(hoursText(2.5)).toBe("2.5 小时");
  });

  it("counts with the plural the language wants", () => {
    expect(countText("assess.rated", 13, 52)).toBe("13 of 52 skills rated");
    expect(countText("assess.rated", 1, 1)).toBe("1 of 1 skill rated");
    expect(countText("log.assessment", 1, 0, 1)).toBe("Self-assessment: 1 skill rated");
    expect(countText("today.stepsDone", 0, 1)).toBe("0 of 1 step done");
    i18n.lang = "zh";
    expect(countText("assess.rated", 13, 52)).toBe("已评分 13 项，共 52 项技能");
  });

  it("shows the app's own notes and backup reasons in the UI's language, typed notes as typed", () => {
    expect(noteText("self-assessment")).toBe("self-assessment");
    expect(backupReason("before-upgrade-v3")).toBe("Before the upgrade to data version 3");
    i18n.lang = "zh";
    expect(noteText("self-assessment")).toBe("技能自评");
    expect(noteText("read the docs")).toBe("read the docs");
    expect(backupReason("daily")).toBe("每日备份");
    expect(backupReason("before-import")).toBe("导入前");
    expect(backupReason("before-upgrade-v3")).toBe("升级到数据版本 3 之前");
    expect(backupReason("something-new")).toBe("something-new");
    expect(backupReason("daily-2")).toBe("每日备份");
    expect(backupReason("hourly")).toBe("每小时备份");
    expect(backupReason("before-upgrade-v5-2")).toBe("升级到数据版本 5 之前");
    expect(backupReason("quit")).toBe("退出时备份");
  });

  it("tells a skill nobody rated from one rated 0, and finds a level's descriptor", () => {
    app.profile = { levels: { sql: 2 }, history: {}, hours: {}, rated: ["sql", "git"] };
    expect(ratedLevel("sql")).toBe(2);
    expect(ratedLevel("git")).toBe(0);
    expect(ratedLevel("docker")).toBeNull();
    const levels = [1, 2, 3, 4, 5].map((n) => ({ en: `en ${n}`, zh: `zh ${n}` }));
    const skill = { levels } as unknown as Parameters<typeof descriptor>[0];
    expect(descriptor(skill, 3)).toBe("en 3");
    expect(descriptor(skill, 0)).toBe("");
    expect(descriptor({ levels: [] } as unknown as Parameters<typeof descriptor>[0], 3)).toBe("");
  });
});
