import { describe, expect, it } from "vitest";
import { type PresenceBounds, timeInClassMs } from "@/server/review/time-in-class";

const T0 = Date.parse("2026-12-01T09:00:00Z");
const t = (ms: number) => new Date(T0 + ms);
const span = (start: number, end: number) => ({ startedAt: t(start), endedAt: t(end) });
const bounds = (overrides: Partial<PresenceBounds> = {}): PresenceBounds => ({
  sessionEndedAt: null,
  removedAt: null,
  joinedAt: t(0),
  lastSeenAt: t(0),
  ...overrides,
});

describe("timeInClassMs", () => {
  it("adds separate intervals and counts overlapping ones (two tabs, two processes) once", () => {
    expect(timeInClassMs([span(0, 30_000), span(90_000, 95_000)], bounds())).toBe(35_000);
    expect(timeInClassMs([span(20_000, 50_000), span(0, 30_000), span(25_000, 26_000)], bounds())).toBe(50_000);
    expect(timeInClassMs([span(0, 10_000), span(10_000, 20_000)], bounds())).toBe(20_000);
  });

  it("stops at the session's end and at the removal, whatever a late tab did", () => {
    // The old figure counted a tab closed 16 minutes after the end; the intervals are cut there.
    expect(timeInClassMs([span(0, 16 * 60_000)], bounds({ sessionEndedAt: t(5 * 60_000) }))).toBe(5 * 60_000);
    expect(timeInClassMs([span(0, 60_000), span(70_000, 80_000)], bounds({ removedAt: t(65_000) }))).toBe(60_000);
  });

  it("keeps the old estimate for participants recorded before presence was tracked", () => {
    expect(timeInClassMs([], bounds({ joinedAt: t(0), lastSeenAt: t(90_000) }))).toBe(90_000);
    expect(timeInClassMs([], bounds({ joinedAt: t(5), lastSeenAt: t(0) }))).toBe(0);
  });
});
