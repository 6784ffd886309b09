import { describe, expect, it } from "vitest";
import { defaultSessionSettings } from "../../../lib/classroom/settings";
import {
  CLASS_CONTROL,
  classControlSchema,
  handshakeAuthSchema,
  isStudentEvent,
  isTeacherEvent,
  joinRequestSchema,
  participantDeltaSchema,
  teacherFrameSchema,
} from "../../../lib/protocol";

describe("class:control", () => {
  it("accepts every control type with its fields", () => {
    const commands = [
      { type: "startAll" },
      { type: "pauseAll" },
      { type: "resetAll" },
      { type: "changeSettings", settings: { ...defaultSessionSettings(), dataset: "spiral" } },
      { type: "closeJoining" },
      { type: "openJoining" },
      { type: "remove", participantId: "p1" },
      { type: "end" },
      { type: "anonymize", isAnonymized: true },
      { type: "spotlight", participantId: null },
      { type: "pointEdits", isAllowed: false },
      { type: "requireApproval", isRequired: true },
      { type: "admit", participantId: "p1" },
      { type: "admitAllWaiting" },
      { type: "deny", participantId: "p1" },
      { type: "denyAllWaiting" },
      { type: "groups", experiment: { key: "lr", values: [0.01, 0.1, 1] } },
    ];
    expect(commands.map((command) => command.type).sort()).toEqual(Object.values(CLASS_CONTROL).sort());
    for (const command of commands) expect(classControlSchema.safeParse(command).success).toBe(true);
  });

  it("refuses unknown types, missing fields and bad settings", () => {
    expect(classControlSchema.safeParse({ type: "selfDestruct" }).success).toBe(false);
    expect(classControlSchema.safeParse({ type: "remove" }).success).toBe(false);
    expect(classControlSchema.safeParse({ type: "anonymize", isAnonymized: "yes" }).success).toBe(false);
    expect(classControlSchema.safeParse({ type: "changeSettings", settings: { targetAccuracy: 2 } }).success).toBe(
      false,
    );
  });
});

describe("event names", () => {
  it("separates student and teacher events and knows nothing else", () => {
    expect(isStudentEvent("progress:update")).toBe(true);
    expect(isStudentEvent("class:control")).toBe(false);
    expect(isTeacherEvent("class:control")).toBe(true);
    expect(isTeacherEvent("run:start")).toBe(false);
    expect(isStudentEvent("__proto__")).toBe(false);
    expect(isTeacherEvent(42)).toBe(false);
  });
});

describe("frames", () => {
  it("a delta needs only an id; an unknown status is refused", () => {
    expect(participantDeltaSchema.safeParse({ id: "p1" }).success).toBe(true);
    expect(participantDeltaSchema.safeParse({ id: "p1", status: "asleep" }).success).toBe(false);
  });

  it("a frame carries tick, time, deltas and counts", () => {
    const counts = {
      total: 1,
      reached: 0,
      joined: 1,
      training: 0,
      paused: 0,
      diverged: 0,
      finished: 0,
      disconnected: 0,
    };
    const maps = { ids: [], bytes: new Uint8Array(0) };
    const frame = { t: 1, tick: 1, participants: [{ id: "p1", points: [[1, 0.5]] }], counts, maps };
    expect(teacherFrameSchema.safeParse(frame).success).toBe(true);
    expect(teacherFrameSchema.safeParse({ ...frame, tick: -1 }).success).toBe(false);
    // Maps travel packed in one buffer: a frame without it is not version 3's.
    expect(teacherFrameSchema.safeParse({ ...frame, maps: undefined }).success).toBe(false);
  });
});

describe("handshake and join", () => {
  it("accepts a student token and a teacher class id", () => {
    expect(handshakeAuthSchema.safeParse({ v: 1, role: "student", token: "a".repeat(43) }).success).toBe(true);
    expect(handshakeAuthSchema.safeParse({ v: 1, role: "teacher", classId: "c1" }).success).toBe(true);
    expect(handshakeAuthSchema.safeParse({ v: 1, role: "student", token: "short" }).success).toBe(false);
    expect(handshakeAuthSchema.safeParse({ v: 1, role: "admin" }).success).toBe(false);
  });

  it("normalizes code and nickname", () => {
    expect(joinRequestSchema.parse({ code: "k7q-x2m", nickname: " Ada " })).toEqual({
      code: "K7QX2M",
      nickname: "Ada",
    });
  });
});
