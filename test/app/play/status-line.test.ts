/** The student's status line tells them when a finished result is not stored yet (a database outage). */
import { describe, expect, it } from "vitest";
import { describeStatus, UNSAVED_RESULT_TEXT } from "@/app/play/[code]/status-line";

describe("the status line", () => {
  it("adds that the result is kept and re-sent while the server cannot store it", () => {
    const connected = { phase: "connected" } as const;
    expect(describeStatus(connected, null, null, null).text).toBe("Ready. Press Train to start.");
    const unsaved = describeStatus(connected, null, null, null, 1);
    expect(unsaved).toEqual({ text: `Ready. Press Train to start. ${UNSAVED_RESULT_TEXT}`, tone: "warn" });
  });
});
