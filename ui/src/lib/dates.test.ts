import { afterEach, describe, expect, it, vi } from "vitest";
import { localIso } from "./dates";

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
