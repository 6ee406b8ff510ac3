import { afterEach, describe, expect, it, vi } from "vitest";
import { addDays, dayNumber, dayText, isIsoDay, localIso, monthGrid } from "./dates";

// Node's environment, without pulling in Node's type definitions for one variable.
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;

describe("localIso", () => {
  const tz = env.TZ;
  afterEach(() => {
    vi.useRealTimers();
    env.TZ = tz;
  });

  it("gives the local day at 07:30 in UTC+8, where the UTC day is still yesterday", () => {
    env.TZ = "Asia/Shanghai";
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-28T23:30:00Z"));
    expect(new Date().getHours()).toBe(7);
    expect(new Date().toISOString().slice(0, 10)).toBe("2026-11-28");
    expect(localIso()).toBe("2026-11-29");
  });
});

describe("date field helpers", () => {
  it("accepts only real days written YYYY-MM-DD", () => {
    expect(isIsoDay("2026-12-25")).toBe(true);
    expect(isIsoDay("2028-02-29")).toBe(true);
    expect(isIsoDay("2026-02-29")).toBe(false);
    expect(isIsoDay("2026-13-01")).toBe(false);
    expect(isIsoDay("12/25/2026")).toBe(false);
    expect(isIsoDay("2026-1-5")).toBe(false);
    expect(isIsoDay("")).toBe(false);
  });

  it("moves by days and months, clamping to the month's end", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-01-31", 0, 1)).toBe("2026-02-28");
    expect(addDays("2026-03-31", 0, -1)).toBe("2026-02-28");
    expect(addDays("2026-11-15", 0, 2)).toBe("2027-01-15");
  });

  it("lays a month out in six Monday-first weeks", () => {
    const grid = monthGrid("2026-11-29");
    expect(grid).toHaveLength(42);
    // 1 November 2026 is a Sunday: the grid starts on Monday 26 October.
    expect(grid[0]).toBe("2026-10-26");
    expect(grid[6]).toBe("2026-11-01");
    expect(grid[41]).toBe("2026-12-06");
  });
});

describe("day numbers for a time axis", () => {
  it("count days, so a day and a month are as far apart as they are long", () => {
    expect(dayNumber("1970-01-02")).toBe(1);
    expect(dayNumber("2026-11-11") - dayNumber("2026-11-10")).toBe(1);
    expect(dayNumber("2026-12-10") - dayNumber("2026-11-10")).toBe(30);
    expect(dayNumber("2028-03-01") - dayNumber("2028-02-28")).toBe(2);
  });
  it("read back as the same day", () => {
    for (const iso of ["2026-11-10", "2028-02-29", "2031-12-31"]) expect(dayText(dayNumber(iso))).toBe(iso);
  });
});
