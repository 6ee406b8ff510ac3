// Problems from the backend are codes with arguments; this says them in the UI's
// language. English comes generated from Rust (bindings/codes.ts), Chinese from
// i18n/problems.zh.ts; a test keeps the two tables in step.
import { ENGLISH } from "../bindings/codes";
import type { Problem } from "../bindings/Problem";
import { i18n } from "../i18n/index.svelte";
import { ZH_PROBLEMS } from "../i18n/problems.zh";

/** One problem in the current language, after where it is (when it says). */
export function say(p: Problem): string {
  const template = (i18n.lang === "zh" ? ZH_PROBLEMS[p.code] : undefined) ?? ENGLISH[p.code] ?? p.code;
  const text = template.replace(/\{(\w+)\}/g, (_, k: string) => p.args[k] ?? `{${k}}`);
  const sep = i18n.lang === "zh" ? "：" : ": ";
  return p.path ? `${p.path}${sep}${text}` : text;
}

/** Several problems, one per line. */
export function sayAll(problems: Problem[]): string {
  return problems.map(say).join("\n");
}
