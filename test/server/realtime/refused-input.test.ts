/**
 * Bad input over real sockets: malformed handshakes, missing or foreign tokens, someone else's
 * class, wrong types, NaN losses, wrong-sized and oversized maps, unknown events. Each is
 * refused, the server keeps serving, and nothing reaches the database.
 */
import { describe, expect, it } from "vitest";
import { MAP_BYTES, MAX_MESSAGE_BYTES, PROTOCOL_VERSION } from "@/lib/protocol";
import { createToken } from "@/server/auth/tokens";
import { readWriteStats } from "@/server/persistence/write-stats";
import {
  createTeacherWithClass,
  joinStudent,
  next,
  studentAuth,
  teacherAuth,
  until,
  useRealtimeServer,
} from "../../helpers/realtime";

const live = useRealtimeServer();

/** Everything a refused payload could have written. */
async function storedRows(classId: string) {
  const session = await live.db.classSession.findUniqueOrThrow({ where: { id: classId } });
  return {
    runs: await live.db.run.findMany({ where: { classSessionId: classId } }),
    snapshots: await live.db.mapSnapshot.count(),
    cells: await live.db.cellCheck.count(),
    participants: await live.db.participant.findMany({
      where: { classSessionId: classId },
      select: { id: true, removedAt: true },
    }),
    session: {
      status: session.status,
      isJoinOpen: session.isJoinOpen,
      isPaused: session.isPaused,
      settings: session.settings,
    },
  };
}

describe("refused connections", () => {
  it("refuses malformed auth, an old protocol, missing or unknown tokens, and no or a foreign teacher", async () => {
    const owner = await createTeacherWithClass(live.db);
    const stranger = await createTeacherWithClass(live.db);
    const cases: Array<[auth: unknown, cookie: string | undefined, code: string]> = [
      [undefined, undefined, "INVALID_PAYLOAD"],
      [{ v: PROTOCOL_VERSION, role: "student" }, undefined, "INVALID_PAYLOAD"],
      [{ v: PROTOCOL_VERSION, role: "student", token: "short" }, undefined, "INVALID_PAYLOAD"],
      [{ v: PROTOCOL_VERSION, role: "admin", token: createToken() }, undefined, "INVALID_PAYLOAD"],
      [{ v: PROTOCOL_VERSION + 1, role: "student", token: createToken() }, undefined, "VERSION_MISMATCH"],
      [studentAuth(createToken()), undefined, "NOT_FOUND"],
      [teacherAuth(owner.classId), undefined, "FORBIDDEN"],
      [teacherAuth(owner.classId), "mlp_teacher=forged", "FORBIDDEN"],
      // Another teacher's class and a class that does not exist get the same answer.
      [teacherAuth(owner.classId), stranger.cookie, "NOT_FOUND"],
      [teacherAuth("no-such-class"), stranger.cookie, "NOT_FOUND"],
    ];
    for (const [auth, cookie, code] of cases) {
      const { error } = await live.server.open(auth, cookie);
      expect(error?.data?.code, JSON.stringify(auth)).toBe(code);
    }
    // The owner still connects, and sees the class.
    const { error, snapshots } = await live.server.open(teacherAuth(owner.classId), owner.cookie);
    expect(error).toBeNull();
    await until(() => snapshots.length === 1, "the owner's snapshot");
    expect(snapshots[0]?.class.classId).toBe(owner.classId);
  });
});

describe("refused payloads", () => {
  it("answers every invalid student payload with an error, keeps the connection, and writes nothing", async () => {
    const owner = await createTeacherWithClass(live.db);
    const joined = await joinStudent(live.db, owner.joinCode, "Eve");
    const { socket: student, error } = await live.server.open(studentAuth(joined.token));
    expect(error).toBeNull();
    await live.server.persistence.flush();
    const before = await storedRows(owner.classId);
    const writesBefore = readWriteStats();

    const acked: Array<[event: string, payload: unknown]> = [
      ["run:start", { choice: { hidden: "lots" } }],
      ["run:start", "start please"],
      [
        "run:finish",
        {
          runId: "r",
          outcome: "completed",
          step: 1,
          loss: Number.NaN,
          accuracy: 0.5,
          curve: [],
          map: null,
          weights: null,
        },
      ],
      ["run:finish", { runId: "r", outcome: "exploded" }],
      ["cell:check", { cell: 99, isPassed: true }],
      ["cell:check", { cell: 1, isPassed: "yes" }],
    ];
    for (const [event, payload] of acked) {
      const answer = await student.emitWithAck(event, payload);
      expect(answer, event).toMatchObject({ ok: false, error: { code: "INVALID_PAYLOAD" } });
    }
    const volatile: unknown[] = [
      { runId: "r", step: 1, accuracy: 0.5, points: [[1, Number.NaN]] },
      { runId: "r", step: -1, accuracy: 2, points: [] },
      { runId: "r", step: 1, accuracy: 0.5, points: [[1, 0.5]], map: new Uint8Array(MAP_BYTES * 2) },
      null,
    ];
    for (const payload of volatile) {
      const refused = next<{ code: string; event: string }>(student, "error");
      student.emit("progress:update", payload);
      expect(await refused).toMatchObject({ code: "INVALID_PAYLOAD", event: "progress:update" });
    }
    // A well-formed update for a run that is not theirs is refused too.
    const stale = next<{ code: string }>(student, "error");
    student.emit("progress:update", { runId: "someone-elses-run", step: 1, accuracy: 0.5, points: [[1, 0.5]] });
    expect((await stale).code).toBe("STALE_RUN");
    // Unknown events are ignored: no answer, and the connection keeps working.
    student.emit("admin:drop-tables", { all: true });
    expect(await student.emitWithAck("class:control", { type: "end" })).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect(student.connected).toBe(true);

    await live.server.persistence.flush();
    expect(await storedRows(owner.classId)).toEqual(before);
    expect(readWriteStats()).toEqual(writesBefore);
  });

  it("closes a connection that sends more than the largest legal message, and writes nothing", async () => {
    const owner = await createTeacherWithClass(live.db);
    const joined = await joinStudent(live.db, owner.joinCode, "Oscar");
    const { socket: student } = await live.server.open(studentAuth(joined.token));
    const start = await student.emitWithAck("run:start", { choice: {} });
    await live.server.persistence.flush();
    const before = await storedRows(owner.classId);

    const closed = next<string>(student, "disconnect");
    student.emit("progress:update", {
      runId: start.runId,
      step: 1,
      accuracy: 0.5,
      points: [[1, 0.5]],
      map: new Uint8Array(MAX_MESSAGE_BYTES + 1),
    });
    expect(await closed).toBe("transport close");
    await live.server.persistence.flush();
    const after = await storedRows(owner.classId);
    expect(after.runs.map((run) => [run.id, run.steps, run.status])).toEqual(
      before.runs.map((run) => [run.id, run.steps, run.status]),
    );
    expect(after.snapshots).toBe(before.snapshots);

    // The server is still serving: the same student reconnects.
    const again = await live.server.open(studentAuth(joined.token));
    expect(again.error).toBeNull();
  });
});
