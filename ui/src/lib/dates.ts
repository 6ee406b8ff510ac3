// Dates as the user's calendar shows them. `toISOString()` is the UTC day, which before
// 08:00 in China is still yesterday; these read the local date parts instead.

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** The local calendar day of `d` as YYYY-MM-DD. */
export function localIso(d: Date = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The Monday of the week of `iso` (YYYY-MM-DD), as YYYY-MM-DD: where the timeline's
 * weeks begin. Computed at noon so no time-zone shift can move the day. */
export function monday(iso: string): string {
  const d = new Date(`${iso}T12:00:00`);
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return localIso(d);
}

/** True for a real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Days since 1970-01-01 of `iso` (YYYY-MM-DD): a position on a chart's time axis. */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** The YYYY-MM-DD of a day number (`dayNumber`'s inverse), for an axis tick. */
export function dayText(day: number): string {
  return new Date(Math.round(day) * 86_400_000).toISOString().slice(0, 10);
}

/** `iso` moved by whole days, or by whole months (clamped to the month's last day). */
export function addDays(iso: string, days: number, months = 0): string {
  const [y, m, d] = iso.split("-").map(Number);
  if (months !== 0) {
    const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
    const moved = new Date(Date.UTC(y, m - 1 + months, Math.min(d, last) + days));
    return moved.toISOString().slice(0, 10);
  }
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The 42 days (six weeks, Monday first) a month's calendar grid shows. */
export function monthGrid(iso: string): string[] {
  const first = `${iso.slice(0, 7)}-01`;
  const [y, m] = first.split("-").map(Number);
  const weekday = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7;
  return Array.from({ length: 42 }, (_, i) => addDays(first, i - weekday));
}
