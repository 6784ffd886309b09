/**
 * Challenges over real sockets, a real database and the real replay worker: the teacher sets a
 * challenge (stored before the ack), students finish runs, and only runs the server re-scored
 * and replayed to the same weights reach the board. A forged report, a run over the size limit, a
 * run on other data, a run on edited data and a run whose replay disagrees never do; every
 * verdict is stored with its reasons, and the board comes back from storage.
 */
import type { Socket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { type ChallengeSpec, rankChallengeBoard } from "@/lib/classroom/challenge";
import { accuracy, DEFAULT_N, evaluateLoss, fromChapterWeights, makeDataset } from "@/lib/ml/nn";
import type { RunFinish } from "@/lib/protocol";
import { createChallengeServices } from "@/server/challenges/create-challenge-services";
import { loadChallenge } from "@/server/challenges/load-challenge";
import { getChallengeReview } from "@/server/review/get-challenge-review";
import {
  createTeacherWithClass,
  joinStudent,
  studentAuth,
  teacherAuth,
  until,
  useRealtimeServer,
} from "../../helpers/realtime";
import { trainedFinish } from "../../helpers/trained-run";

const live = useRealtimeServer();

type Started = { runId: string; config: Parameters<typeof trainedFinish>[1] };

async function student(joinCode: string, nickname: string) {
  const joined = await joinStudent(live.db, joinCode, nickname);
  const socket = (await live.server.open(studentAuth(joined.token))).socket;
  return { ...joined, socket };
}

async function start(socket: Socket, choice: object): Promise<Started> {
  const run = await socket.emitWithAck("run:start", { choice });
  expect(run.ok).toBe(true);
  return run;
}

/** The finish an honest browser sends, with `change` applied to the weights (report recomputed so it agrees). */
function tampered(run: Started, change: (weights: NonNullable<RunFinish["weights"]>) => void): RunFinish {
  const finish = trainedFinish(run.runId, run.config);
  const weights = structuredClone(finish.weights!);
  change(weights);
  const data = makeDataset(run.config.dataset, { n: DEFAULT_N, noise: run.config.noise, seed: run.config.dataSeed });
  const net = fromChapterWeights(weights, { activation: weights.activation });
  return { ...finish, weights, loss: evaluateLoss(net, data), accuracy: accuracy(net, data) };
}

describe("a challenge's leaderboard", () => {
  it("fills from verified runs only, and every verdict is stored with why", async () => {
    const owner = await createTeacherWithClass(live.db);
    const opened = await live.server.open(teacherAuth(owner.classId), owner.cookie);
    const teacher = opened.socket;
    const boards = opened.boards;
    await until(() => boards.length === 1, "the board on connect");
    expect(boards[0]).toEqual({ challenge: null, ranked: [], unranked: [], judged: 0, pending: 0 });
    const session = await live.db.classSession.findUniqueOrThrow({ where: { id: owner.classId } });
    const settings = session.settings as { dataset: ChallengeSpec["dataset"]; noise: number; dataSeed: number };
    const classData = { dataset: settings.dataset, noise: settings.noise, dataSeed: settings.dataSeed };

    // Bad rules and a student's attempt change nothing.
    const bad = await teacher.emitWithAck("challenge:set", { spec: { ...classData, minAccuracy: 0.9, maxHidden: 99 } });
    expect(bad.error.code).toBe("INVALID_PAYLOAD");
    const hal = await student(owner.joinCode, "Hal");
    const forbidden = await hal.socket.emitWithAck("challenge:set", { spec: null });
    expect(forbidden.error.code).toBe("FORBIDDEN");
    expect(await live.db.challenge.count({ where: { classSessionId: owner.classId } })).toBe(0);

    // A first challenge on other points (data seed 7): an honest run on the class's points does not rank.
    const elsewhere = await teacher.emitWithAck("challenge:set", {
      spec: { ...classData, dataSeed: classData.dataSeed + 1, minAccuracy: 0.9, maxHidden: 4 },
    });
    expect(elsewhere.ok).toBe(true);
    expect(await live.db.challenge.count({ where: { id: elsewhere.challenge.id } })).toBe(1);
    const halRun = await start(hal.socket, { hidden: 2, steps: 500 });
    expect(await hal.socket.emitWithAck("run:finish", trainedFinish(halRun.runId, halRun.config))).toEqual({
      ok: true,
    });
    await until(() => boards.at(-1)?.judged === 1 && boards.at(-1)?.pending === 0, "the first run judged");
    expect(boards.at(-1)?.ranked).toEqual([]);
    expect(boards.at(-1)?.unranked[0]).toMatchObject({ runId: halRun.runId, reasons: ["otherData"] });

    // The real challenge, on the class's points: stored (the old one closed) before the ack.
    const set = await teacher.emitWithAck("challenge:set", { spec: { ...classData, minAccuracy: 0.9, maxHidden: 4 } });
    expect(set.ok).toBe(true);
    const rows = await live.db.challenge.findMany({
      where: { classSessionId: owner.classId },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((row) => [row.id, row.closedAt !== null])).toEqual([
      [elsewhere.challenge.id, true],
      [set.challenge.id, false],
    ]);
    await until(() => boards.at(-1)?.challenge?.id === set.challenge.id, "a fresh board");
    expect(boards.at(-1)).toMatchObject({ judged: 0, ranked: [], unranked: [] });

    const [bo, ada, cy, dan, eve, fin, gus] = await Promise.all(
      ["Bo", "Ada", "Cy", "Dan", "Eve", "Fin", "Gus"].map((name) => student(owner.joinCode, name)),
    );
    const runs = {
      bo: await start(bo!.socket, { hidden: 2, steps: 500 }),
      ada: await start(ada!.socket, { hidden: 4, steps: 500 }),
      cy: await start(cy!.socket, { hidden: 4, steps: 1000 }),
      dan: await start(dan!.socket, { hidden: 2, steps: 500 }),
      eve: await start(eve!.socket, { hidden: 8, steps: 500 }),
      fin: await start(fin!.socket, { hidden: 2, steps: 500 }),
      gus: await start(gus!.socket, { hidden: 2, steps: 500 }),
    };
    const edit = await gus!.socket.emitWithAck("run:edit", {
      runId: runs.gus.runId,
      edit: { op: "add", x: 0.2, y: 0.2, label: 1, step: 0 },
    });
    expect(edit).toEqual({ ok: true });
    const honest = trainedFinish(runs.dan.runId, runs.dan.config);
    expect(honest.accuracy).toBeGreaterThanOrEqual(0.9);
    const finishes: [Socket, RunFinish][] = [
      [bo!.socket, trainedFinish(runs.bo.runId, runs.bo.config)],
      [ada!.socket, trainedFinish(runs.ada.runId, runs.ada.config)],
      [cy!.socket, trainedFinish(runs.cy.runId, runs.cy.config)],
      // Forged: honest weights, a loss far better than they score.
      [dan!.socket, { ...honest, loss: (honest.loss ?? 1) / 100 }],
      // Over the size limit: an honest hidden-8 run.
      [eve!.socket, trainedFinish(runs.eve.runId, runs.eve.config)],
      // Weights that score well and match their report, but are not what this config and seed train to.
      [
        fin!.socket,
        tampered(runs.fin, (weights) => {
          weights.b2[0] = (weights.b2[0] ?? 0) + 1e-3;
        }),
      ],
      // Trained on edited points.
      [gus!.socket, trainedFinish(runs.gus.runId, runs.gus.config)],
    ];
    for (const [socket, finish] of finishes)
      expect(await socket.emitWithAck("run:finish", finish)).toEqual({ ok: true });
    await until(() => boards.at(-1)?.judged === 7 && boards.at(-1)?.pending === 0, "every run judged", 60_000);

    const board = boards.at(-1)!;
    expect(board.ranked.map((row) => [row.rank, row.participantId, row.parameterCount, row.steps])).toEqual([
      [1, bo!.participantId, 9, 500],
      [2, ada!.participantId, 17, 500],
      [3, cy!.participantId, 17, 1000],
    ]);
    const why = Object.fromEntries(board.unranked.map((entry) => [entry.participantId, entry]));
    expect(why[dan!.participantId]).toMatchObject({ verdict: "unverified", reasons: ["reportMismatch"] });
    expect(why[eve!.participantId]).toMatchObject({ verdict: "ineligible", reasons: ["overSize"], hidden: 8 });
    expect(why[fin!.participantId]).toMatchObject({ verdict: "unverified", reasons: ["replayMismatch"] });
    expect(why[gus!.participantId]?.reasons).toContain("editedData");

    // Stored: what a restart or another process loads is the same board.
    const stored = await loadChallenge(live.db, owner.classId);
    expect(stored.challenge?.id).toBe(set.challenge.id);
    expect(rankChallengeBoard(stored.entries)).toEqual(board.ranked);
    const replayed = await live.db.challengeEntry.findMany({ where: { challengeId: set.challenge.id } });
    const byRun = new Map(replayed.map((row) => [row.runId, row]));
    // Verified runs were replayed and matched to the bit; runs ruled out beforehand were not replayed.
    expect(byRun.get(runs.bo.runId)).toMatchObject({ verdict: "VERIFIED", replayDifference: 0 });
    expect(byRun.get(runs.fin.runId)?.replayDifference).toBeGreaterThan(1e-4);
    expect(byRun.get(runs.eve.runId)).toMatchObject({ verdict: "INELIGIBLE", replayDifference: null, replayMs: null });

    // A verdict lost with its process (the replay was still queued at a kill -9 or a takeover):
    // the next load finds the durable finish without an entry, and judging it again ranks it.
    await live.db.challengeEntry.delete({
      where: { challengeId_runId: { challengeId: set.challenge.id, runId: runs.bo.runId } },
    });
    const reopened = await loadChallenge(live.db, owner.classId);
    expect(reopened.unjudged.map((run) => run.runId)).toEqual([runs.bo.runId]);
    const judge = createChallengeServices(live.db);
    try {
      const again = await judge.judge(reopened.challenge!, reopened.unjudged[0]!);
      expect(again).toMatchObject({ runId: runs.bo.runId, verdict: "verified", parameterCount: 9, steps: 500 });
    } finally {
      await judge.close();
    }
    const healed = await loadChallenge(live.db, owner.classId);
    expect(healed.unjudged).toEqual([]);
    expect(rankChallengeBoard(healed.entries)).toEqual(board.ranked);

    // A teacher who connects now gets the board at once.
    const late = await live.server.open(teacherAuth(owner.classId), owner.cookie);
    await until(() => late.boards.length > 0, "the board on connect");
    expect(late.boards[0]?.ranked).toEqual(board.ranked);
    expect(live.server.realtime.hub.challengeBoard(owner.classId)?.ranked).toEqual(board.ranked);

    // Closing the challenge: stored, and the board says so.
    const closed = await teacher.emitWithAck("challenge:set", { spec: null });
    expect(closed).toEqual({ ok: true, challenge: null });
    expect(await live.db.challenge.count({ where: { classSessionId: owner.classId, closedAt: null } })).toBe(0);
    await until(() => boards.at(-1)?.challenge === null, "the board closed");

    // The review: both challenges, newest first, the board by nickname and every unranked run with why.
    const review = await getChallengeReview(live.db, owner.teacherId, owner.classId);
    expect(review?.map((challenge) => [challenge.id, challenge.closedAt !== null])).toEqual([
      [set.challenge.id, true],
      [elsewhere.challenge.id, true],
    ]);
    expect(review?.[0]?.ranked.map((row) => row.nickname)).toEqual(["Bo", "Ada", "Cy"]);
    expect(Object.fromEntries(review?.[0]?.unranked.map((entry) => [entry.nickname, entry.reasons[0]]) ?? [])).toEqual({
      Dan: "reportMismatch",
      Eve: "overSize",
      Fin: "replayMismatch",
      Gus: "editedData",
    });
    expect(review?.[0]?.replays.count).toBe(4);
    expect(review?.[1]?.unranked.map((entry) => entry.reasons)).toEqual([["otherData"]]);
    const stranger = await createTeacherWithClass(live.db);
    expect(await getChallengeReview(live.db, stranger.teacherId, owner.classId)).toBeNull();
  });
});
