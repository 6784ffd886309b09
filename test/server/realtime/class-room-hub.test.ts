import { describe, expect, it, vi } from "vitest";
import { defaultSessionSettings } from "../../../lib/classroom/settings";
import {
  type StudentClassState,
  type StudentControl,
  studentControlSchema,
  type TeacherFrame,
  withControlState,
} from "../../../lib/protocol";
import { createClassRoomHub, type Timer } from "../../../server/realtime/class-room-hub";
import { createClock, createFakeSocket, createIds, mapFilled, progress } from "./fixtures";

function createTestHub(onError = vi.fn()) {
  const clock = createClock();
  const hub = createClassRoomHub({ now: clock.now, createId: createIds(), hooks: { onError } });
  for (const [classId, ownerId] of [
    ["class_a", "teacher_a"],
    ["class_b", "teacher_b"],
  ] as const) {
    hub.openRoom({ classId, ownerId, title: classId, settings: defaultSessionSettings() });
  }
  return { hub, clock, onError };
}

/** Sends an event as socket.io's onAny would and returns what the ack got. */
function send(
  hub: ReturnType<typeof createClassRoomHub>,
  socket: ReturnType<typeof createFakeSocket>,
  event: string,
  payload: unknown,
) {
  const ack = vi.fn();
  hub.receive(socket, event, [payload, ack]);
  return ack.mock.calls[0]?.[0] as { ok: boolean; error?: { code: string }; [key: string]: unknown } | undefined;
}

function connectStudent(hub: ReturnType<typeof createClassRoomHub>, classId: string, participantId: string) {
  const socket = createFakeSocket(`s-${participantId}-${Math.random()}`);
  const result = hub.connectStudent(socket, { classId, participantId, nickname: participantId });
  if (!result.ok) throw new Error(result.error.code);
  return socket;
}

function connectTeacher(hub: ReturnType<typeof createClassRoomHub>, classId: string, teacherId: string) {
  const socket = createFakeSocket(`t-${teacherId}-${Math.random()}`);
  return { socket, result: hub.connectTeacher(socket, { classId, teacherId }) };
}

describe("hub: connections and authorization", () => {
  it("sends a late student the current state, and a late teacher a snapshot", () => {
    const { hub } = createTestHub();
    const { socket: teacher } = connectTeacher(hub, "class_a", "teacher_a");
    send(hub, teacher, "class:control", { type: "pauseAll" });
    const student = connectStudent(hub, "class_a", "p1");
    const [state] = student.ofEvent("session:state") as Array<{ isPaused: boolean }>;
    expect(state?.isPaused).toBe(true);
    const late = connectTeacher(hub, "class_a", "teacher_a").socket;
    const [snapshot] = late.ofEvent("teacher:snapshot") as Array<{
      participants: unknown[];
      class: { isPaused: boolean };
    }>;
    expect(snapshot?.participants).toHaveLength(1);
    expect(snapshot?.class.isPaused).toBe(true);
  });

  it("answers a teacher who does not own the class exactly like a missing class", () => {
    const { hub } = createTestHub();
    const notOwner = connectTeacher(hub, "class_a", "teacher_b");
    const missing = connectTeacher(hub, "class_zzz", "teacher_b");
    expect(notOwner.result).toEqual(missing.result);
    expect(notOwner.result.ok ? null : notOwner.result.error.code).toBe("NOT_FOUND");
    // An unbound socket's events go nowhere.
    expect(send(hub, notOwner.socket, "class:control", { type: "end" })).toBeUndefined();
    expect(hub.getRoom("class_a")?.isEnded).toBe(false);
  });

  it("refuses teacher events from a student socket and ignores unknown events", () => {
    const { hub } = createTestHub();
    const student = connectStudent(hub, "class_a", "p1");
    expect(send(hub, student, "class:control", { type: "end" })?.error?.code).toBe("FORBIDDEN");
    expect(hub.getRoom("class_a")?.isEnded).toBe(false);
    expect(send(hub, student, "admin:drop-tables", {})).toBeUndefined();
    hub.receive(student, "run:teleport", [{}]);
    expect(student.ofEvent("error")).toEqual([]);
    const { socket: teacher } = connectTeacher(hub, "class_a", "teacher_a");
    expect(send(hub, teacher, "run:start", { choice: {} })?.error?.code).toBe("FORBIDDEN");
  });

  it("answers invalid payloads with an ack error, or an error event without ack, and never throws", () => {
    const { hub, onError } = createTestHub();
    const student = connectStudent(hub, "class_a", "p1");
    expect(send(hub, student, "run:start", { choice: { hidden: "lots" } })?.error?.code).toBe("INVALID_PAYLOAD");
    hub.receive(student, "progress:update", [{ runId: "r", step: 1, accuracy: 0.5, points: [[1, null]] }]);
    const [error] = student.ofEvent("error") as Array<{ code: string; event: string }>;
    expect(error).toMatchObject({ code: "INVALID_PAYLOAD", event: "progress:update" });
    for (const payload of [undefined, null, 42, "x", [], { map: new Uint8Array(5000) }, Symbol("s")]) {
      expect(() => hub.receive(student, "progress:update", [payload])).not.toThrow();
      expect(() => hub.receive(student, "run:finish", [payload, () => {}])).not.toThrow();
    }
    expect(onError).not.toHaveBeenCalled();
  });
});

describe("hub: delivery", () => {
  it("pause all reaches every student socket at once, each with their own state", () => {
    const { hub } = createTestHub();
    const students = ["p1", "p2", "p3"].map((id) => connectStudent(hub, "class_a", id));
    const secondTab = connectStudent(hub, "class_a", "p2");
    const other = connectStudent(hub, "class_b", "q1");
    const { socket: teacher } = connectTeacher(hub, "class_a", "teacher_a");
    expect(send(hub, teacher, "class:control", { type: "pauseAll" })).toEqual({ ok: true });
    for (const [i, socket] of [...students, secondTab].entries()) {
      const [control] = socket.ofEvent("student:control") as StudentControl[];
      expect(control?.type).toBe("pause");
      if (control?.type === "pause") expect(control.state.participant.id).toBe(["p1", "p2", "p3", "p2"][i]);
    }
    expect(other.ofEvent("student:control")).toEqual([]);
  });

  it("leaves the last run out of a pause (the page keeps its own) and sends it with a reset", () => {
    const { hub, clock } = createTestHub();
    const student = connectStudent(hub, "class_a", "p1");
    const { socket: teacher } = connectTeacher(hub, "class_a", "teacher_a");
    const runId = send(hub, student, "run:start", { choice: {} })?.runId as string;
    clock.advance(250);
    hub.receive(student, "progress:update", [
      progress(
        runId,
        [
          [0, 0.7],
          [5, 0.6],
        ],
        { map: mapFilled(3) },
      ),
    ]);
    // Before: every control carried the last run (≤ 500 curve points and the weights), ~3 MB for a pause-all at 300.
    send(hub, teacher, "class:control", { type: "pauseAll" });
    const [pause] = student.ofEvent("student:control") as StudentControl[];
    if (pause?.type !== "pause") throw new Error("no pause");
    expect(pause.state).not.toHaveProperty("lastRun");
    expect(studentControlSchema.safeParse(pause).success).toBe(true);

    // A reload's session:state has it: that page keeps drawing it through the pause.
    const reloaded = connectStudent(hub, "class_a", "p1");
    const [drawn] = reloaded.ofEvent("session:state") as StudentClassState[];
    if (!drawn) throw new Error("no session:state");
    expect(drawn.lastRun).toMatchObject({ runId, step: 5, outcome: null });
    expect(withControlState(drawn, pause.state).lastRun).toBe(drawn.lastRun);
    expect(withControlState(drawn, pause.state).isPaused).toBe(true);

    send(hub, teacher, "class:control", { type: "resetAll" });
    const reset = (student.ofEvent("student:control") as StudentControl[]).at(-1);
    if (reset?.type !== "reset") throw new Error("no reset");
    expect(reset.state.lastRun).toBeNull();
    expect(withControlState(drawn, reset.state).lastRun).toBeNull();
  });

  it("sends one coalesced frame per tick to the class's teachers only", () => {
    const { hub, clock } = createTestHub();
    const student = connectStudent(hub, "class_a", "p1");
    const { socket: teacherA } = connectTeacher(hub, "class_a", "teacher_a");
    const { socket: teacherB } = connectTeacher(hub, "class_b", "teacher_b");
    const start = send(hub, student, "run:start", { choice: { hidden: 4 } });
    expect(start).toMatchObject({ ok: true, generation: 0 });
    const runId = start?.runId as string;
    for (let i = 1; i <= 10; i++) {
      clock.advance(250);
      hub.receive(student, "progress:update", [
        { runId, step: i, accuracy: 0.5, points: [[i, 1 / i]], map: mapFilled(i) },
      ]);
    }
    expect(teacherA.ofEvent("teacher:frame")).toEqual([]);
    hub.tick();
    hub.tick();
    const frames = teacherA.ofEvent("teacher:frame") as TeacherFrame[];
    expect(frames).toHaveLength(1);
    expect(frames[0]?.participants[0]?.points).toHaveLength(10);
    expect(teacherB.ofEvent("teacher:frame")).toEqual([]);
  });

  it("resync flushes the pending frame, then answers with a snapshot whose tick matches", () => {
    const { hub } = createTestHub();
    const { socket: teacher } = connectTeacher(hub, "class_a", "teacher_a");
    connectStudent(hub, "class_a", "p1");
    const response = send(hub, teacher, "teacher:resync", {}) as {
      ok: true;
      snapshot: { tick: number; participants: unknown[] };
    };
    const frames = teacher.ofEvent("teacher:frame") as TeacherFrame[];
    expect(frames).toHaveLength(1);
    expect(response.snapshot.tick).toBe(frames[0]?.tick);
    expect(response.snapshot.participants).toHaveLength(1);
    hub.tick();
    expect(teacher.ofEvent("teacher:frame")).toHaveLength(1);
  });

  it("remove tells the student, closes their sockets and ignores them afterwards", () => {
    const { hub } = createTestHub();
    const student = connectStudent(hub, "class_a", "p1");
    const { socket: teacher } = connectTeacher(hub, "class_a", "teacher_a");
    send(hub, teacher, "class:control", { type: "remove", participantId: "p1" });
    expect(student.ofEvent("student:control")).toEqual([{ type: "removed" }]);
    expect(student.isOpen).toBe(false);
    expect(send(hub, student, "run:start", { choice: {} })).toBeUndefined();
    const again = createFakeSocket("again");
    expect(hub.connectStudent(again, { classId: "class_a", participantId: "p1", nickname: "p1" }).ok).toBe(false);
  });

  it("marks a participant disconnected only when their last socket closes", () => {
    const { hub } = createTestHub();
    const tab1 = connectStudent(hub, "class_a", "p1");
    const tab2 = connectStudent(hub, "class_a", "p1");
    hub.getRoom("class_a")?.tick();
    hub.disconnect(tab1);
    expect(hub.getRoom("class_a")?.tick()).toBeNull();
    hub.disconnect(tab2);
    expect(hub.getRoom("class_a")?.tick()?.participants).toEqual([{ id: "p1", status: "disconnected" }]);
  });

  it("ticks on the injected timer and survives a throwing hook", () => {
    let callback: (() => void) | null = null;
    const timer: Timer = {
      setInterval(fn, ms) {
        callback = fn;
        return ms;
      },
      clearInterval() {
        callback = null;
      },
    };
    const onError = vi.fn();
    const hub = createClassRoomHub({
      now: () => 0,
      createId: createIds(),
      timer,
      hooks: {
        onError,
        onRunStarted: () => {
          throw new Error("db down");
        },
      },
    });
    hub.openRoom({ classId: "c", ownerId: "t", title: "c", settings: defaultSessionSettings() });
    hub.start();
    const teacher = createFakeSocket("t1");
    hub.connectTeacher(teacher, { classId: "c", teacherId: "t" });
    const student = connectStudent(hub, "c", "p1");
    expect(send(hub, student, "run:start", { choice: {} })?.ok).toBe(true);
    expect(onError).toHaveBeenCalledOnce();
    (callback as (() => void) | null)?.();
    expect(teacher.ofEvent("teacher:frame")).toHaveLength(1);
    hub.stop();
    expect(callback).toBeNull();
  });
});
