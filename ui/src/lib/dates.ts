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
