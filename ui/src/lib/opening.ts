// What the shell wrote into the page for its first screen (src-tauri/src/opening_page.rs),
// read once. Null when the page came without it (not ready in time, a store that cannot
// be read, a second load): the page then asks command by command.
import type { Opening } from "../bindings/Opening";

export function readOpening(doc: Document = document): Opening | null {
  const element = doc.getElementById("opening");
  if (!element) return null;
  element.remove();
  try {
    const read: unknown = JSON.parse(element.textContent ?? "");
    return isOpening(read) ? read : null;
  } catch {
    return null;
  }
}

function isOpening(v: unknown): v is Opening {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  const object = (x: unknown) => typeof x === "object" && x !== null;
  return object(o.info) && object(o.settings) && object(o.profile) && typeof o.today === "string" && typeof o.has_plan === "boolean";
}
