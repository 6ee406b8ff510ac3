// The only file that calls invoke(): every command, typed by the generated bindings.
import { invoke } from "@tauri-apps/api/core";
import type { AppInfo } from "./bindings/AppInfo";
import type { BackupInfo } from "./bindings/BackupInfo";
import type { CheckReport } from "./bindings/CheckReport";
import type { Event } from "./bindings/Event";
import type { Recovery } from "./bindings/Recovery";
import type { ErrorPayload } from "./bindings/ErrorPayload";
import type { RoleSummary } from "./bindings/RoleSummary";
import type { CatalogView } from "./bindings/CatalogView";
import type { FitView } from "./bindings/FitView";
import type { Gap } from "./bindings/Gap";
import type { NewEvent } from "./bindings/NewEvent";
import type { PlanView } from "./bindings/PlanView";
import type { TodayView } from "./bindings/TodayView";
import type { PlanRequest } from "./bindings/PlanRequest";
import type { PlanChange } from "./bindings/PlanChange";
import type { Problem } from "./bindings/Problem";
import type { ErrorKind } from "./bindings/ErrorKind";
import type { ProfileView } from "./bindings/ProfileView";
import type { Rating } from "./bindings/Rating";
import type { Settings } from "./bindings/Settings";
import type { TimelineView } from "./bindings/TimelineView";
import type { LogPage } from "./bindings/LogPage";
import type { ExportKind } from "./bindings/ExportKind";
import type { ImportKind } from "./bindings/ImportKind";
import type { ImportMode } from "./bindings/ImportMode";
import type { ImportReview } from "./bindings/ImportReview";
import type { ImportDone } from "./bindings/ImportDone";
import type { Skill } from "./bindings/Skill";
import type { Role } from "./bindings/Role";

/** An error from a command: its kind, its problems (codes the UI translates), and the
 * English text as the message. */
export class CommandError extends Error {
  kind: ErrorKind | "internal";
  problems: Problem[];
  constructor(payload: ErrorPayload | { kind: "internal"; problems: Problem[]; message: string }) {
    super(payload.message);
    this.kind = payload.kind;
    this.problems = payload.problems;
  }
}

function isPayload(e: unknown): e is ErrorPayload {
  return typeof e === "object" && e !== null && "kind" in e && "problems" in e && "message" in e;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (isPayload(e)) throw new CommandError(e);
    // Tauri refuses arguments its types cannot read with a plain string.
    const detail = String(e);
    throw new CommandError({
      kind: "internal",
      problems: [{ path: "", code: "wrong_type", args: { detail } }],
      message: detail,
    });
  }
}

export const api = {
  listRoles: () => call<RoleSummary[]>("list_roles"),
  appInfo: () => call<AppInfo>("app_info"),
  /** SQLite's quick check and the daily backup; call once the first screen is drawn. */
  checkStore: () => call<CheckReport>("check_store"),
  listBackups: () => call<BackupInfo[]>("list_backups"),
  restoreBackup: (file: string) => call<BackupInfo>("restore_backup", { file }),
  recover: (choice: Recovery) => call<AppInfo>("recover", { choice }),
  /** Today in the user's time zone, as YYYY-MM-DD. */
  today: () => call<string>("today_date"),
  catalog: () => call<CatalogView>("catalog"),
  getSettings: () => call<Settings>("get_settings"),
  saveSettings: (settings: Settings) => call<Settings>("save_settings", { settings }),
  profile: () => call<ProfileView>("profile"),
  rateSkills: (ratings: Rating[]) => call<number>("rate_skills", { ratings }),
  fit: () => call<FitView>("fit"),
  gap: (role: string) => call<Gap>("gap", { role }),
  makePlan: (role: string, input: PlanRequest) => call<PlanView>("make_plan", { role, input }),
  activePlan: () => call<PlanView | null>("active_plan"),
  /** Re-plans from today; `change` sets new weekly hours or a new deadline. */
  replanToday: (change: PlanChange | null = null) => call<PlanView>("replan_today", { change }),
  todayView: () => call<TodayView | null>("today_view"),
  logEvent: (event: NewEvent) => call<number>("log_event", { event }),
  editEvent: (id: number, event: NewEvent) => call<number>("edit_event", { id, event }),
  deleteEvent: (id: number) => call<void>("delete_event", { id }),
  undo: () => call<string | null>("undo"),
  timeline: () => call<TimelineView>("timeline"),
  /** The log's first page, its length and the self-assessments, without the timeline's
   * aggregates. */
  logPage: () => call<LogPage>("log_page"),
  olderEvents: (before: string) => call<Event[]>("older_events", { before }),
  openResource: (url: string) => call<void>("open_resource", { url }),
  firstScreen: () => call<number>("first_screen"),
  /** Asks where to save (native dialog) and writes; the path, or null when cancelled. */
  exportFile: (kind: ExportKind, lang: string) => call<string | null>("export_file", { kind, lang }),
  /** Asks for a file (native dialog), checks it and returns what it would change. */
  pickImport: (kind: ImportKind) => call<ImportReview | null>("pick_import", { kind }),
  applyImport: (mode: ImportMode) => call<ImportDone>("apply_import", { mode }),
  cancelImport: () => call<void>("cancel_import"),
  saveOwnSkill: (skill: Skill) => call<Skill>("save_own_skill", { skill }),
  saveOwnRole: (role: Role) => call<Role>("save_own_role", { role }),
  deleteOwnSkill: (id: string) => call<void>("delete_own_skill", { id }),
  deleteOwnRole: (id: string) => call<void>("delete_own_role", { id }),
};
