// The only file that calls invoke(): every command, typed by the generated bindings.
import { invoke } from "@tauri-apps/api/core";
import type { AppInfo } from "./bindings/AppInfo";
import type { BackupInfo } from "./bindings/BackupInfo";
import type { CheckReport } from "./bindings/CheckReport";
import type { ErrorPayload } from "./bindings/ErrorPayload";
import type { RoleSummary } from "./bindings/RoleSummary";

/** An error from a command, always with a readable message. */
export class CommandError extends Error {
  kind: string;
  constructor(payload: ErrorPayload | { kind: string; message: string }) {
    super(payload.message);
    this.kind = payload.kind;
  }
}

function isPayload(e: unknown): e is ErrorPayload {
  return typeof e === "object" && e !== null && "kind" in e && "message" in e;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (isPayload(e)) throw new CommandError(e);
    throw new CommandError({ kind: "internal", message: String(e) });
  }
}

export const api = {
  listRoles: () => call<RoleSummary[]>("list_roles"),
  appInfo: () => call<AppInfo>("app_info"),
  /** SQLite's quick check and the daily backup; call once the first screen is drawn. */
  checkStore: () => call<CheckReport>("check_store"),
  listBackups: () => call<BackupInfo[]>("list_backups"),
  restoreBackup: (file: string) => call<BackupInfo>("restore_backup", { file }),
  recover: (backup: string | null) => call<AppInfo>("recover", { backup }),
};
