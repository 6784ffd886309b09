/**
 * Runs a control cuts short keep the curve they had, over real sockets and PostgreSQL: "Reset
 * all", new settings and a removal store the run as ABORTED with its last step, figures, curve
 * and map (before, only the end did; a reset left an empty curve), and the review then lists it as
 * stopped at that step with that curve.
 */
import { describe, expect, it } from "vitest";
import { defaultSessionSettings } from "@/lib/classroom/settings";
import { MAP_BYTES, type RunStartResult } from "@/lib/protocol";
import { getParticipantReview } from "@/server/review/get-participant-review";
import { parseStoredCurve } from "@/server/review/stored-curve";
import {
  createTeacherWithClass,
  joinStudent,
  studentAuth,
  teacherAuth,
  until,
  useRealtimeServer,
} from "../../helpers/realtime";

let clock = Date.now();
const live = useRealtimeServer({ now: () => clock });
const CURVE: [number, number][] = [
  [0, 0.7],
  [10, 0.6],
  [20, 0.45],
  [30, 0.3],
];

async function trainingStudent(nickname: string) {
  const owner = await createTeacherWithClass(live.db);
  const teacher = await live.server.open(teacherAuth(owner.classId), owner.cookie);
  const joined = await joinStudent(live.db, owner.joinCode, nickname);
  const student = await live.server.open(studentAuth(joined.token));
  expect([teacher.error, student.error]).toEqual([null, null]);
  clock += 1000;
  const start = (await student.socket.emitWithAck("run:start", { choice: {} })) as { ok: true } & RunStartResult;
  expect(start.ok).toBe(true);
  student.socket.emit("progress:update", {
    runId: start.runId,
    step: 30,
    accuracy: 0.75,
    points: CURVE,
    map: new Uint8Array(MAP_BYTES).fill(99),
  });
  await until(
    () => live.server.realtime.hub.getRoom(owner.classId)?.activeRuns()[0]?.step === 30,
    "the progress reached the room",
  );
  return { owner, teacher: teacher.socket, joined, runId: start.runId };
}

async function expectStoredWithCurve(runId: string) {
  await live.server.persistence.flush();
  const run = await live.db.run.findUniqueOrThrow({ where: { id: runId } });
  expect(run).toMatchObject({ status: "ABORTED", steps: 30, reportedLoss: 0.3, reportedAccuracy: 0.75 });
  expect(parseStoredCurve(run.curve)).toEqual(CURVE);
  expect(run.finalMap && [...run.finalMap].every((byte) => byte === 99)).toBe(true);
}

describe("runs cut short by a control", () => {
  it("keeps the curve a run had when the teacher resets the class, and the review calls it stopped", async () => {
    const { owner, teacher, joined, runId } = await trainingStudent("Ada");
    expect(await teacher.emitWithAck("class:control", { type: "resetAll" })).toEqual({ ok: true });
    await expectStoredWithCurve(runId);
    const detail = await getParticipantReview(live.db, owner.teacherId, owner.classId, joined.participantId);
    const run = detail?.runs.find((candidate) => candidate.id === runId);
    expect(run?.outcome).toBe("stopped");
    // The detail names figures; the curve comes on the chart's grid (the weights stay, for the final network view).
    expect(run).not.toHaveProperty("curve");
    expect(run?.steps).toBe(30);
    const index = detail?.runs.findIndex((candidate) => candidate.id === runId) ?? -1;
    expect(detail?.chart.values[index]?.filter((value) => value !== null).length).toBeGreaterThan(2);
  });

  it("keeps it when new settings restart everyone, and when the student is removed", async () => {
    const settings = await trainingStudent("Bob");
    const changed = { ...defaultSessionSettings(), dataset: "circles" as const };
    expect(await settings.teacher.emitWithAck("class:control", { type: "changeSettings", settings: changed })).toEqual({
      ok: true,
    });
    await expectStoredWithCurve(settings.runId);

    const removal = await trainingStudent("Cy");
    expect(
      await removal.teacher.emitWithAck("class:control", {
        type: "remove",
        participantId: removal.joined.participantId,
      }),
    ).toEqual({ ok: true });
    await expectStoredWithCurve(removal.runId);
  });
});
