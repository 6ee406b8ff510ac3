// Shared state of the running app: what the commands returned last, and how to refresh
// it. Views read from here; only api.ts talks to the backend.
import { api } from "../api";
import type { CatalogView } from "../bindings/CatalogView";
import type { ProfileView } from "../bindings/ProfileView";
import type { Opening } from "../bindings/Opening";
import type { Settings } from "../bindings/Settings";
import type { Skill } from "../bindings/Skill";
import type { Role } from "../bindings/Role";
import { CommandError } from "../api";
import { setLang, i18n, t, tx, type Key, type Lang } from "../i18n/index.svelte";
import { say, sayAll } from "./problems";
import type { Problem } from "../bindings/Problem";
import { localIso } from "./dates";

export type View = "today" | "welcome" | "assess" | "fit" | "gap" | "plan" | "log" | "timeline" | "own" | "settings";

/** All skills, the skills one role needs, or those of the three best-fitting roles. */
export type AssessFilter = { mode: "all" | "role" | "top3"; role: string | null };

export const app = $state({
  view: "fit" as View,
  settings: null as Settings | null,
  catalog: null as CatalogView | null,
  profile: null as ProfileView | null,
  /** Bumped after every write so views reload what they show. */
  version: 0,
  error: null as string | null,
  /** A role to copy into a new own role, set by "Copy as my own" on the roles page. */
  copyRole: null as string | null,
  /** Which skills the self-assessment lists; kept while the app runs, not saved. */
  assessFilter: { mode: "all", role: null } as AssessFilter,
  /** Today in the user's time zone (YYYY-MM-DD), from the backend once loaded. */
  today: localIso(),
});

// A click on a reminder notification (or today's step in the tray menu) asks for Today;
// the shell sends this event into the page.
window.addEventListener("pathwise:open-today", () => {
  app.view = "today";
  app.version += 1;
});

/** What went wrong, in the UI's language. */
export function message(e: unknown): string {
  if (e instanceof CommandError && e.problems.length > 0) return sayAll(e.problems);
  return e instanceof Error ? e.message : String(e);
}

export function applyTheme(theme: string) {
  const root = document.documentElement;
  if (theme === "light" || theme === "dark") root.dataset.theme = theme;
  else delete root.dataset.theme;
}

/** Where a start opens: what to do today once a plan exists, the fit once the user has
 * assessed, the welcome before that. */
export function firstView(settings: Settings, hasPlan: boolean): View {
  return hasPlan ? "today" : settings.onboarded ? "fit" : "welcome";
}

/** Brings the settings, the profile, today's date and the catalog. The first load can be
 * given them (the opening the shell writes into the page) and asks only for the catalog. */
export async function load(opening: Opening | null = null) {
  const first = app.settings === null;
  // A later load asks for the catalog with the rest. The first asks once it knows the
  // view: a new user's first screen lists the roles through its own command and is drawn
  // without the catalog (every skill and role, about 270 kB), which `loadCatalog` brings
  // once that screen is up.
  const catalog = first ? null : api.catalog();
  // Rejections are handled where it is awaited; this keeps an early failure quiet.
  catalog?.catch(() => {});
  try {
    const [settings, profile, today, hasPlan] = opening
      ? [opening.settings, opening.profile, opening.today, opening.has_plan]
      : await Promise.all([
          api.getSettings(),
          api.profile(),
          api.today(),
          first ? api.activePlan().then(Boolean) : false,
        ]);
    const view = first ? firstView(settings, hasPlan) : app.view;
    const fresh = first && !needsCatalog(view) ? null : await (catalog ?? api.catalog());
    app.today = today;
    app.settings = settings;
    if (fresh) app.catalog = fresh;
    app.profile = profile;
    if (settings.language) setLang(settings.language as Lang);
    applyTheme(settings.theme);
    if (first) app.view = view;
    app.error = null;
  } catch (e) {
    app.error = message(e);
  }
}

/** The catalog, for a first screen that was drawn without it. */
export async function loadCatalog() {
  if (app.catalog) return;
  try {
    app.catalog = await api.catalog();
  } catch (e) {
    app.error = message(e);
  }
}

/** Whether a view needs the catalog to draw; the roles page lists roles on its own. */
export function needsCatalog(view: View): boolean {
  return view !== "welcome";
}

/** Reloads the profile after a write and tells views to refresh. */
export async function changed() {
  app.profile = await api.profile();
  app.version += 1;
}

export async function saveSettings(patch: Partial<Settings>) {
  if (!app.settings) return;
  app.settings = await api.saveSettings({ ...app.settings, ...patch });
  applyTheme(app.settings.theme);
  if (app.settings.language) setLang(app.settings.language as Lang);
  app.version += 1;
}

export function skill(id: string): Skill | undefined {
  return app.catalog?.skills.find((s) => s.id === id);
}

export function role(id: string): Role | undefined {
  return app.catalog?.roles.find((r) => r.id === id);
}

/** A skill's name in the current language (its id if the catalog lacks it). */
export function skillName(id: string): string {
  const s = skill(id);
  return s ? tx(s.name) : id;
}

export function roleName(id: string): string {
  const r = role(id);
  return r ? tx(r.name) : id;
}

export function level(id: string): number {
  return app.profile?.levels[id] ?? 0;
}

/** The skill's level, or null when nobody rated or logged it yet (not the same as 0). */
export function ratedLevel(id: string): number | null {
  return app.profile?.rated.includes(id) ? level(id) : null;
}

/** What a level of a skill looks like: the skill's own descriptor, or "" when it has none. */
export function descriptor(s: Skill | undefined, lvl: number): string {
  const d = s && lvl >= 1 ? s.levels[lvl - 1] : undefined;
  return d ? tx(d) : "";
}

/** Hours with at most one decimal, as people write them. */
// Making an Intl formatter costs far more than using one, and a long timeline formats a
// few thousand numbers and plurals as it draws: one of each per language serves every call.
const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

function locale(): string {
  return i18n.lang === "zh" ? "zh-CN" : "en";
}

function plural(n: number): "one" | "other" {
  const loc = locale();
  let rules = pluralRules.get(loc);
  if (!rules) pluralRules.set(loc, (rules = new Intl.PluralRules(loc)));
  return rules.select(n) === "one" ? "one" : "other";
}

export function hours(h: number): string {
  const loc = locale();
  let format = numberFormats.get(loc);
  if (!format) numberFormats.set(loc, (format = new Intl.NumberFormat(loc)));
  return format.format(Math.round(h * 10) / 10);
}

/** Hours with their unit in the UI's language ("12.5 h", "12.5 小时"). */
export function hoursText(h: number): string {
  return t("unit.hours", { n: hours(h) });
}

/** A number of days, with the plural the language wants (Intl.PluralRules). */
export function daysText(n: number): string {
  return t(plural(n) === "one" ? "unit.day.one" : "unit.day.other", { n });
}

/** A counted phrase: `${base}.one` or `${base}.other` by the plural rule for `by`. */
export function countText(base: string, n: number, total: number, by = total): string {
  return t(`${base}.${plural(by)}` as Key, { n, total });
}

// Notes the app itself once wrote into the log, shown in the UI's language; a note the
// user typed is shown as typed.
const KNOWN_NOTES: Record<string, Key> = { "self-assessment": "note.selfAssessment" };

export function noteText(note: string): string {
  const key = KNOWN_NOTES[note];
  return key ? t(key) : note;
}

/** Why a backup was made ("daily", "before-import", "before-upgrade-v3"), in words. A
 * second backup of the same reason in the same second carries "-2", "-3"… in its name. */
export function backupReason(reason: string): string {
  const base = reason.replace(/-\d+$/, "");
  const upgrade = /^before-upgrade-v(\d+)$/.exec(base);
  if (upgrade) return t("backup.beforeUpgrade", { v: upgrade[1] });
  const known: Record<string, Key> = {
    daily: "backup.daily",
    hourly: "backup.hourly",
    quit: "backup.quit",
    "before-import": "backup.beforeImport",
    "before-restore": "backup.beforeRestore",
  };
  return known[base] ? t(known[base]) : reason;
}

/** How far a date moved at a re-plan, in words: later, ahead, or on time. */
export function slipText(days: number): string {
  if (days === 0) return t("slip.none");
  return t(days > 0 ? "slip.later" : "slip.earlier", { days: daysText(Math.abs(days)) });
}

export function percent(p: number): string {
  return `${Math.round(p)}%`;
}

/** A problem that names a backup's reason (a failed backup), the reason in words. */
export function sayBackupProblem(p: Problem): string {
  return say(p.args.reason ? { ...p, args: { ...p.args, reason: backupReason(p.args.reason) } } : p);
}
