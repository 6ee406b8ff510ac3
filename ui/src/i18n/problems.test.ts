import { describe, expect, it } from "vitest";
import { ENGLISH } from "../bindings/codes";
import { ZH_PROBLEMS } from "./problems.zh";

/** The `{name}` placeholders of a template, sorted. */
const placeholders = (template: string): string[] =>
  [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("problem codes in Chinese", () => {
  it("covers every code, none empty", () => {
    expect(Object.keys(ZH_PROBLEMS).sort()).toEqual(Object.keys(ENGLISH).sort());
    for (const [code, zh] of Object.entries(ZH_PROBLEMS)) expect(zh.trim(), code).not.toBe("");
  });

  it("uses the same placeholders as the English", () => {
    for (const [code, en] of Object.entries(ENGLISH)) {
      const zh = ZH_PROBLEMS[code as keyof typeof ZH_PROBLEMS];
      expect(placeholders(zh), code).toEqual(placeholders(en));
    }
  });
});
