import { describe, expect, it } from "vitest";
import { en } from "./en";
import { zh } from "./zh";
import { i18n, langFromLocale, t, tx } from "./index.svelte";

describe("i18n", () => {
  it("has every key in both languages, none empty", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(zh)) expect(v.trim(), k).not.toBe("");
  });

  it("picks the language from the system locale", () => {
    expect(langFromLocale("zh-CN")).toBe("zh");
    expect(langFromLocale("zh-Hans")).toBe("zh");
    expect(langFromLocale("en-GB")).toBe("en");
    expect(langFromLocale("de-DE")).toBe("en");
    expect(langFromLocale(undefined)).toBe("en");
  });

  it("translates UI strings and catalog texts with fallback", () => {
    i18n.lang = "zh";
    expect(t("nav.roles")).toBe("八个角色");
    expect(tx({ en: "Data engineer", zh: "数据工程师" })).toBe("数据工程师");
    expect(tx({ en: "Own role", zh: "" })).toBe("Own role");
    i18n.lang = "en";
    expect(t("nav.roles")).toBe("The eight roles");
  });
});
