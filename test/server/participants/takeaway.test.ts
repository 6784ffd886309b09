/**
 * A student's take-away on a real PostgreSQL: found by the participant token alone, it holds the
 * student's own runs and cells (no one else's), works after the class ended, gives each run's
 * weights in the chapter's shape, and says "gone" once the teacher deleted the session. The
 * Python shown beside the weights runs in python3 and reproduces the network's output.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultSessionSettings, resolveRunConfig } from "@/lib/classroom";
import { mlpForward } from "@/lib/ml/nn";
import { takeawayResponseSchema, takeawayWeightsFileName } from "@/lib/protocol";
import { ClassStatus } from "@/server/db/client";
import { startLessonSession } from "@/server/lessons/start-lesson-session";
import { exportOwnRunWeights } from "@/server/participants/export-own-run-weights";
import { getTakeaway } from "@/server/participants/get-takeaway";
import { deleteSession } from "@/server/review/delete-session";
import { useMigratedDatabase } from "../../helpers/db";
import { createTeacherWithClass, joinStudent } from "../../helpers/realtime";
import { trainedFinish } from "../../helpers/trained-run";

const database = useMigratedDatabase();

const CONFIG = resolveRunConfig({ ...defaultSessionSettings(), unlocked: [] }, {});

/** A finished run of `participantId` with its curve, map and weights, as the live path stores it. */
async function storeFinishedRun(classId: string, participantId: string, initSeed: number) {
  const config = { ...CONFIG, initSeed, steps: 300 };
  const run = await database.db.run.create({ data: { participantId, classSessionId: classId, config } });
  const finish = trainedFinish(run.id, config);
  await database.db.run.update({
    where: { id: run.id },
    data: {
      status: "FINISHED",
      finishedAt: new Date(),
      steps: finish.step,
      reportedLoss: finish.loss,
      reportedAccuracy: finish.accuracy,
      curve: finish.curve,
      finalMap: new Uint8Array(finish.map ?? []),
      weights: finish.weights ?? undefined,
    },
  });
  return { runId: run.id, weights: finish.weights };
}

describe("getTakeaway", () => {
  it("gives a student their own runs and cells only, during the class and after it ends", async () => {
    const owner = await createTeacherWithClass(database.db, "Period 6");
    const ada = await joinStudent(database.db, owner.joinCode, "Ada");
    const bob = await joinStudent(database.db, owner.joinCode, "Bob");
    const first = await storeFinishedRun(owner.classId, ada.participantId, 1);
    const second = await storeFinishedRun(owner.classId, ada.participantId, 2);
    await storeFinishedRun(owner.classId, bob.participantId, 3);
    await database.db.cellCheck.create({
      data: { participantId: ada.participantId, cell: 1, code: "function linear() {}", isPassed: true, attempts: 2 },
    });

    const live = await getTakeaway(database.db, ada.token);
    expect(live.ok).toBe(true);
    // The page parses POST /api/takeaway's JSON with the shared schema: every field sent is in it.
    const sent = JSON.parse(JSON.stringify(live));
    expect(takeawayResponseSchema.parse(sent)).toEqual(sent);
    if (!live.ok) return;
    expect(live.takeaway.session).toMatchObject({ title: "Period 6", status: "LIVE", lessonTitle: null });
    expect(live.takeaway.detail.nickname).toBe("Ada");
    expect(live.takeaway.detail.runs.map((run) => run.id)).toEqual([first.runId, second.runId]);
    expect(live.takeaway.detail.runs.every((run) => run.finalMap !== null && run.hasWeights)).toBe(true);
    expect(live.takeaway.detail.chart.values).toHaveLength(2);
    expect(live.takeaway.detail.cells).toEqual([
      { cell: 1, code: "function linear() {}", isPassed: true, attempts: 2, lastError: null },
    ]);
    expect(live.takeaway.loadNotes[second.runId]).toContain(`open('${takeawayWeightsFileName(2)}')`);

    await database.db.classSession.update({
      where: { id: owner.classId },
      data: { status: ClassStatus.ENDED, endedAt: new Date() },
    });
    const ended = await getTakeaway(database.db, ada.token);
    expect(ended.ok && ended.takeaway.session.status).toBe("ENDED");
    expect(ended.ok && ended.takeaway.detail.runs).toHaveLength(2);
  });

  it("names the lesson the class ran", async () => {
    const owner = await createTeacherWithClass(database.db);
    const session = await startLessonSession(database.db, owner.teacherId, {
      title: "Lesson day",
      lessonId: "stacking-layers",
    });
    const joined = await joinStudent(database.db, session.joinCode, "Cy");
    const result = await getTakeaway(database.db, joined.token);
    expect(result.ok && result.takeaway.session.lessonTitle).toBe("Stacking layers");
  });

  it("refuses a removed student, and says 'gone' once the teacher deleted the session", async () => {
    const owner = await createTeacherWithClass(database.db, "Deleted later");
    const ada = await joinStudent(database.db, owner.joinCode, "Ada");
    const eve = await joinStudent(database.db, owner.joinCode, "Eve");
    const run = await storeFinishedRun(owner.classId, ada.participantId, 4);
    await database.db.participant.update({ where: { id: eve.participantId }, data: { removedAt: new Date() } });
    expect(await getTakeaway(database.db, eve.token)).toEqual({ ok: false, code: "REMOVED" });

    await database.db.classSession.update({
      where: { id: owner.classId },
      data: { status: ClassStatus.ENDED, endedAt: new Date() },
    });
    await deleteSession(database.db, owner.teacherId, { sessionId: owner.classId, confirmTitle: "Deleted later" });
    expect(await getTakeaway(database.db, ada.token)).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await exportOwnRunWeights(database.db, ada.token, run.runId)).toBeNull();
  });
});

describe("exportOwnRunWeights", () => {
  it("gives the token's own run's weights and nobody else's", async () => {
    const owner = await createTeacherWithClass(database.db);
    const ada = await joinStudent(database.db, owner.joinCode, "Ada");
    const bob = await joinStudent(database.db, owner.joinCode, "Bob");
    const adas = await storeFinishedRun(owner.classId, ada.participantId, 5);
    const weights = await exportOwnRunWeights(database.db, ada.token, adas.runId);
    expect(weights).toMatchObject({ runId: adas.runId, nickname: "Ada", activation: "relu", dataset: "xor" });
    expect(weights?.w1).toEqual(adas.weights?.w1);
    expect(await exportOwnRunWeights(database.db, bob.token, adas.runId)).toBeNull();
  });

  it("the chapter's §4 helpers and the run's note, run in python3, give the network's own output", async () => {
    const owner = await createTeacherWithClass(database.db);
    const ada = await joinStudent(database.db, owner.joinCode, "Ada");
    const run = await storeFinishedRun(owner.classId, ada.participantId, 6);
    const result = await getTakeaway(database.db, ada.token);
    const weights = await exportOwnRunWeights(database.db, ada.token, run.runId);
    if (!result.ok || !weights) throw new Error("no take-away");
    const folder = await mkdtemp(path.join(tmpdir(), "mlp-takeaway-"));
    try {
      await writeFile(path.join(folder, takeawayWeightsFileName(1)), JSON.stringify(weights));
      const script = `${result.takeaway.chapterPython}\n${result.takeaway.loadNotes[run.runId]?.split("\n").slice(1).join("\n")}\nprint(repr(logit))\n`;
      const python = spawnSync("python3", ["-c", script], { cwd: folder, encoding: "utf8", timeout: 30_000 });
      expect(python.stderr).toBe("");
      const [expected = Number.NaN] = mlpForward([1, -1], weights.w1, weights.b1, weights.w2, weights.b2);
      expect(Number(python.stdout.trim())).toBeCloseTo(expected, 12);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
