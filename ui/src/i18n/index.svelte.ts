// All UI strings live in en.ts and zh.ts; a test fails when either lacks a key.
import { en } from "./en";
import { zh } from "./zh";
import type { Text } from "../bindings/Text";

export type Lang = "en" | "zh";
export type Key = keyof typeof en;

const tables: Record<Lang, Record<Key, string>> = { en, zh };

/** The language from a locale string such as "zh-CN" or "en-GB". */
export function langFromLocale(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

export const i18n = $state({ lang: langFromLocale(globalThis.navigator?.language) as Lang });

/** A UI string, with `{name}` placeholders filled from `vars`. */
export function t(key: Key, vars: Record<string, string | number> = {}): string {
  const s = tables[i18n.lang][key] ?? en[key];
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

/** A catalog text in the current language, falling back to English when it has none. */
export function tx(text: Text): string {
  return i18n.lang === "zh" && text.zh ? text.zh : text.en;
}

export function setLang(lang: Lang) {
  i18n.lang = lang;
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
}
