/**
 * On a real PostgreSQL with rows written directly (times chosen by the test): the replay picks each
 * student's run and snapshot as of the moment asked; notes are validated and owned; deleting a
 * session takes every row of it along, and only after the typed confirmation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAP_BYTES } from "@/lib/protocol";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { deleteSession } from "@/server/review/delete-session";
import { getParticipantReview } from "@/server/review/get-participant-review";
import { getReplay } from "@/server/review/get-replay";
import { NOTES_MAX_LENGTH, updateSessionNotes } from "@/server/review/update-session-notes";
import { createMigratedTestDatabase, type TestDatabase } from "../../helpers/db";
import { createTeacherWithClass } from "../../helpers/realtime";

let database: TestDatabase;
let db: PrismaClient;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createPrismaClient(database.url);
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const T0 = Date.parse("2026-11-30T10:00:00Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const mapOf = (byte: number) => new Uint8Array(MAP_BYTES).fill(byte);
const base64Of = (byte: number) => Buffer.from(mapOf(byte)).toString("base64");
const CONFIG = {
  dataset: "xor",
  noise: 0.1,
  dataSeed: 42,
  hidden: 8,
  lr: 0.3,
  activation: "relu",
  optimizer: "sgd",
  steps: 1000,
  initSeed: 1,
};

/**
 * A class with one student: a first run finished at 60 s, a second started at 100 s still training, with snapshots.
 * Every timestamp is set by the test (updatedAt too): a default of "now" would put the timeline's end at the real clock.
 */
async function seededClass() {
  const owner = await createTeacherWithClass(db);
  const participant = await db.participant.create({
    data: { classSessionId: owner.classId, nickname: "Ada", tokenHash: `h-${owner.classId}`, joinedAt: at(0) },
  });
  const curve = Array.from({ length: 11 }, (_, i) => [i * 100, 0.7 - i * 0.06]);
  const common = { participantId: participant.id, classSessionId: owner.classId, config: CONFIG };
  const first = await db.run.create({
    data: {
      ...common,
      status: "FINISHED",
      startedAt: at(10),
      finishedAt: at(60),
      updatedAt: at(60),
      steps: 1000,
      reportedLoss: 0.1,
      curve,
      finalMap: mapOf(250),
    },
  });
  const second = await db.run.create({
    data: { ...common, status: "TRAINING", startedAt: at(100), steps: 600, reportedLoss: 0.3, curve: [] },
  });
  await db.mapSnapshot.createMany({
    data: [
      { runId: first.id, step: 300, loss: 0.52, at: at(20), map: mapOf(10) },
      { runId: first.id, step: 700, loss: 0.28, at: at(40), map: mapOf(20) },
      { runId: second.id, step: 200, loss: 0.6, at: at(110), map: mapOf(30) },
    ],
  });
  await db.run.update({ where: { id: second.id }, data: { updatedAt: at(120) } });
  return { owner, first, second };
}

describe("replay", () => {
  it("shows each moment as stored: latest snapshot so far, curve cut there; a finished run's final map; the next run once started", async () => {
    const { owner, first, second } = await seededClass();
    const frameAt = (seconds: number) => getReplay(db, owner.teacherId, owner.classId, at(seconds));

    const early = await frameAt(45);
    expect(early?.bounds).toEqual({ start: at(10).toISOString(), end: at(120).toISOString() });
    expect(early?.participants).toHaveLength(1);
    expect(early?.participants[0]).toMatchObject({
      runId: first.id,
      status: "TRAINING",
      step: 700,
      loss: 0.28,
      map: base64Of(20),
    });
    // The curve stops at step 700: the grid runs to 700 and the last value is the stored point's.
    expect(early?.steps.at(-1)).toBe(700);
    expect(early?.participants[0]?.values.at(-1)).toBeCloseTo(0.7 - 7 * 0.06, 12);
    expect(early?.median.at(-1)).toBeCloseTo(0.7 - 7 * 0.06, 12);

    const beforeAnySnapshot = await frameAt(15);
    expect(beforeAnySnapshot?.participants[0]).toMatchObject({ runId: first.id, step: 0, map: null });

    const between = await frameAt(80);
    expect(between?.participants[0]).toMatchObject({
      runId: first.id,
      status: "FINISHED",
      step: 1000,
      loss: 0.1,
      map: base64Of(250),
    });
    expect(between?.steps.at(-1)).toBe(1000);

    const late = await frameAt(115);
    expect(late?.participants[0]).toMatchObject({ runId: second.id, status: "TRAINING", step: 200, map: base64Of(30) });

    // Outside the timeline the frame is clamped to its ends.
    expect((await frameAt(-500))?.at).toBe(at(10).toISOString());
    expect((await getReplay(db, owner.teacherId, owner.classId))?.at).toBe(at(120).toISOString());
  });

  it("follows the review's lesson step: the replay and the student's detail keep only that step's runs", async () => {
    const { owner, first, second } = await seededClass();
    await db.run.update({ where: { id: first.id }, data: { lessonStep: 0 } });
    await db.run.update({ where: { id: second.id }, data: { lessonStep: 2 } });
    const onStep = (step: number) => getReplay(db, owner.teacherId, owner.classId, at(115), { dataset: null, step });
    // At 115 s the latest run is step 3's; on step 1 the replay still shows the first run, finished.
    expect((await onStep(0))?.participants.map((p) => p.runId)).toEqual([first.id]);
    expect((await onStep(2))?.participants.map((p) => p.runId)).toEqual([second.id]);
    expect((await onStep(1))?.participants).toEqual([]);

    const participantId = (await db.run.findUniqueOrThrow({ where: { id: first.id } })).participantId;
    const detail = await getParticipantReview(db, owner.teacherId, owner.classId, participantId, {
      dataset: null,
      step: 0,
    });
    expect(detail).toMatchObject({ step: 0, otherRuns: 1 });
    expect(detail?.runs.map((run) => run.id)).toEqual([first.id]);
  });

  it("holds a finished run at its final loss in the class median past its end (its own line still ends)", async () => {
    const owner = await createTeacherWithClass(db);
    const student = (nickname: string, seconds: number) =>
      db.participant.create({
        data: {
          classSessionId: owner.classId,
          nickname,
          tokenHash: `h-${owner.classId}-${nickname}`,
          joinedAt: at(seconds),
        },
      });
    const fast = await Promise.all(["Ada", "Bea", "Cy"].map((name, i) => student(name, i)));
    const slow = await Promise.all(["Dot", "Eve"].map((name, i) => student(name, 3 + i)));
    const run = (participantId: string, curve: number[][]) =>
      db.run.create({
        data: {
          participantId,
          classSessionId: owner.classId,
          config: CONFIG,
          status: "FINISHED",
          startedAt: at(10),
          finishedAt: at(30),
          updatedAt: at(40),
          steps: curve.at(-1)?.[0] ?? 0,
          reportedLoss: curve.at(-1)?.[1] ?? null,
          curve,
        },
      });
    // Three fast students finished 500 steps near 0.1; two slow ones ran 1,000 steps and stayed on the plateau.
    for (const participant of fast)
      await run(participant.id, [
        [0, 0.7],
        [500, 0.1],
      ]);
    for (const participant of slow)
      await run(participant.id, [
        [0, 0.7],
        [1000, 0.69],
      ]);
    const frame = await getReplay(db, owner.teacherId, owner.classId, at(40));
    const end = (frame?.steps.length ?? 0) - 1;
    expect(frame?.steps[end]).toBe(1000);
    expect(frame?.participants.find((p) => p.nickname === "Ada")?.values[end]).toBeNull();
    // Before: 0.69 at step 1,000 (the slow two alone), as if the class's loss rose after step 500.
    expect(frame?.median[end]).toBe(0.1);
  });

  it("has no timeline for a class that never trained", async () => {
    const owner = await createTeacherWithClass(db);
    expect(await getReplay(db, owner.teacherId, owner.classId)).toMatchObject({ bounds: null, participants: [] });
  });
});

describe("notes", () => {
  it("saves the owner's notes, refuses oversized ones and other teachers", async () => {
    const { owner } = await seededClass();
    const other = await createTeacherWithClass(db);
    await updateSessionNotes(db, owner.teacherId, { sessionId: owner.classId, notes: "Spiral needed hidden ≥ 16" });
    const read = async () => (await db.classSession.findUniqueOrThrow({ where: { id: owner.classId } })).notes;
    expect(await read()).toBe("Spiral needed hidden ≥ 16");
    await expect(
      updateSessionNotes(db, owner.teacherId, { sessionId: owner.classId, notes: "x".repeat(NOTES_MAX_LENGTH + 1) }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(
      updateSessionNotes(db, owner.teacherId, { sessionId: owner.classId, notes: 42 }),
    ).rejects.toBeInstanceOf(AppError);
    await expect(
      updateSessionNotes(db, other.teacherId, { sessionId: owner.classId, notes: "mine now" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await read()).toBe("Spiral needed hidden ≥ 16");
  });
});

describe("deleting a session", () => {
  it("needs an ended session, its owner and the typed title; then removes every row of it and nothing else", async () => {
    const { owner, first } = await seededClass();
    const keep = await seededClass();
    const other = await createTeacherWithClass(db);
    const confirm = { sessionId: owner.classId, confirmTitle: "Stacking layers" };
    await expect(deleteSession(db, owner.teacherId, confirm)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await db.classSession.update({ where: { id: owner.classId }, data: { status: "ENDED", endedAt: new Date() } });
    await db.cellCheck.create({
      data: { participantId: first.participantId, cell: 1, code: "def relu(x): ...", isPassed: true },
    });
    await expect(deleteSession(db, owner.teacherId, { ...confirm, confirmTitle: "Stacking" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await expect(deleteSession(db, other.teacherId, confirm)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.classSession.count({ where: { id: owner.classId } })).toBe(1);

    await deleteSession(db, owner.teacherId, confirm);
    expect(await db.classSession.count({ where: { id: owner.classId } })).toBe(0);
    expect(await db.participant.count({ where: { classSessionId: owner.classId } })).toBe(0);
    expect(await db.run.count({ where: { classSessionId: owner.classId } })).toBe(0);
    expect(await db.mapSnapshot.count({ where: { run: { classSessionId: owner.classId } } })).toBe(0);
    expect(await db.mapSnapshot.count({ where: { runId: first.id } })).toBe(0);
    expect(await db.cellCheck.count({ where: { participantId: first.participantId } })).toBe(0);
    // The other class is untouched.
    expect(await db.run.count({ where: { classSessionId: keep.owner.classId } })).toBe(2);
    expect(await db.mapSnapshot.count({ where: { run: { classSessionId: keep.owner.classId } } })).toBe(3);
  });
});
