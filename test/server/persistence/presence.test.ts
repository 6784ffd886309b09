/**
 * Presence intervals over real sockets and PostgreSQL: one interval from a participant's first
 * socket to their last, moved forward by heartbeats while they stay, closed by their removal and by
 * the session's end. The server's clock is moved by hand, so every figure is exact.
 */
import { describe, expect, it } from "vitest";
import { PRESENCE_HEARTBEAT_MS } from "@/server/persistence/presence-tracker";
import {
  createTeacherWithClass,
  joinStudent,
  studentAuth,
  teacherAuth,
  until,
  useRealtimeServer,
} from "../../helpers/realtime";

const T0 = Date.parse("2026-12-01T09:00:00.000Z");
let clock = T0;
const at = (ms: number) => {
  clock = T0 + ms;
};

const live = useRealtimeServer({ now: () => clock });

/** The participant's stored intervals as [start, end] offsets from T0 in ms. */
async function intervals(participantId: string): Promise<[number, number][]> {
  await live.server.persistence.flush();
  const rows = await live.db.presenceInterval.findMany({ where: { participantId }, orderBy: { startedAt: "asc" } });
  return rows.map((row) => [row.startedAt.getTime() - T0, row.endedAt.getTime() - T0]);
}

const isConnected = (classId: string, count: number) => () => live.server.realtime.hub.socketCount(classId) === count;

describe("presence intervals", () => {
  it("spans the first socket to the last, with heartbeats while present, and a new one on return", async () => {
    at(0);
    const owner = await createTeacherWithClass(live.db);
    const joined = await joinStudent(live.db, owner.joinCode, "Ada");
    const tab1 = await live.server.open(studentAuth(joined.token));
    expect(tab1.error).toBeNull();
    expect(await intervals(joined.participantId)).toEqual([[0, 0]]);

    at(1_000);
    const tab2 = await live.server.open(studentAuth(joined.token));
    expect(tab2.error).toBeNull();
    at(PRESENCE_HEARTBEAT_MS + 2_000);
    // A heartbeat: the open interval's end follows the clock, so a crash now would lose nothing older.
    expect(await intervals(joined.participantId)).toEqual([[0, PRESENCE_HEARTBEAT_MS + 2_000]]);

    at(20_000);
    tab1.socket.disconnect();
    await until(isConnected(owner.classId, 1), "the first tab closed");
    expect(await intervals(joined.participantId)).toEqual([[0, PRESENCE_HEARTBEAT_MS + 2_000]]);
    at(30_000);
    tab2.socket.disconnect();
    await until(isConnected(owner.classId, 0), "the second tab closed");
    expect(await intervals(joined.participantId)).toEqual([[0, 30_000]]);

    // Away for a minute, then back: a second interval; the gap is not time in class.
    at(90_000);
    const back = await live.server.open(studentAuth(joined.token));
    expect(back.error).toBeNull();
    at(95_000);
    back.socket.disconnect();
    await until(isConnected(owner.classId, 0), "the returning tab closed");
    expect(await intervals(joined.participantId)).toEqual([
      [0, 30_000],
      [90_000, 95_000],
    ]);
  });

  it("closes a removed student's interval at the removal and everyone's at the session's end", async () => {
    at(0);
    const owner = await createTeacherWithClass(live.db);
    const teacher = await live.server.open(teacherAuth(owner.classId), owner.cookie);
    const ada = await joinStudent(live.db, owner.joinCode, "Ada");
    const bob = await joinStudent(live.db, owner.joinCode, "Bob");
    at(1_000);
    expect((await live.server.open(studentAuth(ada.token))).error).toBeNull();
    at(2_000);
    const bobSocket = await live.server.open(studentAuth(bob.token));
    expect(bobSocket.error).toBeNull();

    at(10_000);
    expect(
      await teacher.socket.emitWithAck("class:control", { type: "remove", participantId: ada.participantId }),
    ).toEqual({ ok: true });
    at(40_000);
    expect(await teacher.socket.emitWithAck("class:control", { type: "end" })).toEqual({ ok: true });
    // Bob's tab stays open after the end (the page shows "ended"); his time in class stops anyway.
    at(100_000);
    expect(await intervals(ada.participantId)).toEqual([[1_000, 10_000]]);
    expect(await intervals(bob.participantId)).toEqual([[2_000, 40_000]]);
    bobSocket.socket.disconnect();
    await until(isConnected(owner.classId, 1), "Bob's tab closed");
    expect(await intervals(bob.participantId)).toEqual([[2_000, 40_000]]);
  });
});
