/**
 * The review of a class filled through the real socket path: bots (the simulator, max speed) join
 * over HTTP and train with the MLP core against the realtime server and PostgreSQL, the teacher
 * ends the class; then the review's figures, the replay, the exports and ownership are checked
 * against the stored rows.
 */

import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { median } from "@/lib/classroom";
import { defaultSessionSettings } from "@/lib/classroom/settings";
import { DEFAULT_N, makeDataset, mlpForward } from "@/lib/ml/nn";
import { participantReviewSchema, replayFrameSchema } from "@/lib/review/responses";
import { exportParticipantsCsv, PARTICIPANTS_CSV_HEADER, UTF8_BOM } from "@/server/review/export-participants-csv";
import { exportRunWeights } from "@/server/review/export-run-weights";
import { exportSessionJson } from "@/server/review/export-session-json";
import { getParticipantReview } from "@/server/review/get-participant-review";
import { getReplay, roundLoss } from "@/server/review/get-replay";
import { getSessionReview } from "@/server/review/get-session-review";
import { parseStoredCurve } from "@/server/review/stored-curve";
import { type Bot, createBot } from "@/server/simulator/bot";
import type { BotEvent } from "@/server/simulator/bot-events";
import { createTeacherWithClass, teacherAuth, until, useRealtimeServer } from "../../helpers/realtime";
import { addJoinRoute } from "../simulator/join-route";
import { parseCsv } from "./parse-csv";

/** Short runs: each bot finishes several in a few seconds at max speed. */
const RUN_STEPS = 400;
/** Runs each bot must finish before the class ends. */
const RUNS_PER_BOT = 2;
/** Generous: bots, the server, PostgreSQL and vitest share two cores. */
const WAIT_MS = 60_000;
/** Between a bot's runs: short, so the test collects several runs per bot quickly. */
const RESTART_PAUSE_MS = 50;
/** Three students with different capacity and step size, so "what worked" has something to show. */
const STUDENTS = [
  { nickname: "Ada", choice: { hidden: 8 } },
  { nickname: "Bob", choice: { hidden: 0 } },
  { nickname: "Cy", choice: { hidden: 4, lr: 0.1 } },
] as const;

const live = useRealtimeServer();
let bots: Bot[] = [];
let owner: Awaited<ReturnType<typeof createTeacherWithClass>>;
let stranger: Awaited<ReturnType<typeof createTeacherWithClass>>;

beforeAll(async () => {
  addJoinRoute(live.server.io.httpServer as Server, live.db);
  owner = await createTeacherWithClass(live.db, "Period 3 = XOR");
  stranger = await createTeacherWithClass(live.db, "Someone else's class");
  const settings = defaultSessionSettings();
  await live.db.classSession.update({
    where: { id: owner.classId },
    data: { settings: { ...settings, defaults: { ...settings.defaults, steps: RUN_STEPS } } },
  });

  const teacher = await live.server.open(teacherAuth(owner.classId), owner.cookie);
  expect(teacher.error).toBeNull();
  const events = new Map<string, BotEvent[]>();
  bots = STUDENTS.map(({ nickname, choice }) => {
    events.set(nickname, []);
    return createBot({
      url: live.server.url,
      code: owner.joinCode,
      nickname,
      speed: "max",
      choice,
      restartPauseMs: RESTART_PAUSE_MS,
      onEvent: (event) => events.get(nickname)?.push(event),
    });
  });
  await Promise.all(bots.map((bot) => bot.start()));
  const finishedRuns = (nickname: string) =>
    events.get(nickname)?.filter((event) => event.type === "runFinished").length ?? 0;
  await until(
    () => STUDENTS.every(({ nickname }) => finishedRuns(nickname) >= RUNS_PER_BOT),
    "every bot finished its runs",
    WAIT_MS,
  );
  await live.server.persistence.flush();
  expect(await teacher.socket.emitWithAck("class:control", { type: "end" })).toEqual({ ok: true });
  await until(
    async () => (await live.db.classSession.findUniqueOrThrow({ where: { id: owner.classId } })).status === "ENDED",
    "the class ended",
    WAIT_MS,
  );
  for (const bot of bots) bot.stop();
  await live.server.persistence.flush();
  expect(live.server.logs).toEqual([]);
}, WAIT_MS * 2);

afterAll(async () => {
  for (const bot of bots) bot.stop();
});

const storedParticipants = () =>
  live.db.participant.findMany({
    where: { classSessionId: owner.classId },
    include: { runs: { orderBy: { startedAt: "asc" } }, cells: true },
  });

describe("the review of a simulated class", () => {
  it("shows figures that match the stored rows, judged by the server's verification", async () => {
    const review = await getSessionReview(live.db, owner.teacherId, owner.classId);
    expect(review).not.toBeNull();
    const stored = await storedParticipants();
    const runs = stored.flatMap((p) => p.runs);
    expect(runs.length).toBeGreaterThanOrEqual(STUDENTS.length * RUNS_PER_BOT);
    // "Reached" is the verified accuracy against the run's target, never the stored status alone.
    const isReached = (run: (typeof runs)[number]) =>
      run.verifiedAccuracy !== null &&
      run.verifiedAccuracy >= (run.config as { targetAccuracy: number }).targetAccuracy;
    const reached = stored.filter((p) => p.runs.some(isReached));
    const bestLosses = stored.flatMap((p) => {
      const losses = p.runs.flatMap((run) => (run.verifiedLoss === null ? [] : [run.verifiedLoss]));
      return losses.length ? [Math.min(...losses)] : [];
    });
    const firstTargetSteps = reached.map((p) => {
      const first = p.runs.find(isReached);
      return first?.targetReachedStep ?? first?.steps ?? 0;
    });
    expect(review?.datasets).toEqual([{ dataset: "xor", runs: runs.length, students: STUDENTS.length }]);
    expect(review?.summary).toEqual({
      dataset: "xor",
      students: STUDENTS.length,
      studentsTrained: STUDENTS.length,
      runs: runs.length,
      studentsReachedTarget: reached.length,
      medianFinalLoss: median(bestLosses),
      medianStepsToTarget: median(firstTargetSteps),
      flaggedRuns: 0,
      cellsPassed: { 1: 0, 2: 0, 3: 0 },
    });
    // Hidden 8 learns XOR; a single neuron (hidden 0) cannot: the class has both outcomes.
    const byName = new Map(review?.participants.map((p) => [p.nickname, p]));
    expect(byName.get("Ada")?.best?.verification.isReachedTarget).toBe(true);
    expect(byName.get("Bob")?.best?.verification.isReachedTarget).toBe(false);
    expect(byName.get("Bob")?.best?.config.hidden).toBe(0);
    expect(byName.get("Cy")?.best?.config).toMatchObject({ hidden: 4, lr: 0.1 });
    // Honest bots: reported and server-verified figures agree for every finished run.
    for (const participant of review?.participants ?? []) expect(participant.best?.verification.verdict).toBe("agree");
    expect(review?.scatter).toHaveLength(runs.filter((run) => run.verifiedLoss !== null).length);
  });

  it("gives each student's runs with stored curves, final maps and weights the chapter's mlp_forward reproduces", async () => {
    const [ada] = (await storedParticipants()).filter((p) => p.nickname === "Ada");
    const detail = await getParticipantReview(live.db, owner.teacherId, owner.classId, ada?.id ?? "");
    expect(detail?.runs.map((run) => run.id)).toEqual(ada?.runs.map((run) => run.id));
    // The page parses the route's JSON with the shared schema: every field the server sends is in it.
    const sent = JSON.parse(JSON.stringify(detail));
    expect(participantReviewSchema.parse(sent)).toEqual(sent);
    const finished = ada?.runs.find((run) => run.status === "REACHED_TARGET" && run.weights !== null);
    const finishedDetail = detail?.runs.find((run) => run.id === finished?.id);
    expect(Buffer.from(finishedDetail?.finalMap ?? "", "base64")).toEqual(
      Buffer.from(finished?.finalMap ?? new Uint8Array()),
    );
    // The detail chart samples the stored curve: at the curve's own steps it returns its losses.
    const curve = parseStoredCurve(finished?.curve);
    expect(curve.length).toBeGreaterThan(10);
    const runIndex = detail?.runs.findIndex((run) => run.id === finished?.id) ?? -1;
    const steps = detail?.chart.steps ?? [];
    for (const [i, step] of steps.entries()) {
      const exact = curve.find(([s]) => s === step);
      if (exact) expect(detail?.chart.values[runIndex]?.[i]).toBeCloseTo(exact[1], 12);
    }

    const weights = await exportRunWeights(live.db, owner.teacherId, owner.classId, finished?.id ?? "");
    expect(weights?.activation).toBe("relu");
    expect(weights?.note).toContain("mlp_forward");
    const config = finished?.config as { dataset: "xor"; noise: number; dataSeed: number };
    const data = makeDataset(config.dataset, { n: DEFAULT_N, noise: config.noise, seed: config.dataSeed });
    let loss = 0;
    for (let i = 0; i < data.ys.length; i++) {
      const [z = 0] = mlpForward(
        [data.xs[2 * i] ?? 0, data.xs[2 * i + 1] ?? 0],
        weights?.w1 ?? [],
        weights?.b1 ?? [],
        weights?.w2 ?? [],
        weights?.b2 ?? [],
      );
      loss += Math.max(z, 0) - (data.ys[i] ?? 0) * z + Math.log1p(Math.exp(-Math.abs(z)));
    }
    expect(loss / data.ys.length).toBeCloseTo(finished?.verifiedLoss ?? Number.NaN, 9);
  });

  it("replays the end of the class as stored: each student's last run, final map and whole curve", async () => {
    const frame = await getReplay(live.db, owner.teacherId, owner.classId);
    const sent = JSON.parse(JSON.stringify(frame));
    expect(replayFrameSchema.parse(sent)).toEqual(sent);
    const stored = await storedParticipants();
    expect(frame?.participants.map((p) => p.nickname).sort()).toEqual(["Ada", "Bob", "Cy"]);
    for (const participant of frame?.participants ?? []) {
      const last = stored.find((p) => p.id === participant.participantId)?.runs.at(-1);
      expect(participant.runId).toBe(last?.id);
      expect(participant.step).toBe(last?.steps);
      expect(participant.map).toBe(last?.finalMap ? Buffer.from(last.finalMap).toString("base64") : null);
      const lastPoint = parseStoredCurve(last?.curve).at(-1);
      if (lastPoint && lastPoint[0] === frame?.steps.at(-1))
        expect(participant.values.at(-1)).toBe(roundLoss(lastPoint[1]));
    }
    // Before anyone started, nobody is on the stage.
    const before = await getReplay(
      live.db,
      owner.teacherId,
      owner.classId,
      new Date(Date.parse(frame?.bounds?.start ?? "") - 60_000),
    );
    expect(
      before?.participants.every((p) => p.runId === stored.find((s) => s.id === p.participantId)?.runs[0]?.id),
    ).toBe(true);
  });

  it("exports a CSV and a JSON that round-trip to the stored data", async () => {
    const review = await getSessionReview(live.db, owner.teacherId, owner.classId);
    const csv = await exportParticipantsCsv(live.db, owner.teacherId, owner.classId);
    expect(csv?.title).toBe("Period 3 = XOR");
    expect(csv?.csv.startsWith(UTF8_BOM)).toBe(true);
    const rows = parseCsv(csv?.csv.slice(UTF8_BOM.length) ?? "");
    expect(rows[0]).toEqual([...PARTICIPANTS_CSV_HEADER]);
    const body = rows.slice(1).map((row) => Object.fromEntries(PARTICIPANTS_CSV_HEADER.map((key, i) => [key, row[i]])));
    expect(body.map((row) => row.nickname)).toEqual(review?.participants.map((p) => p.nickname));
    for (const row of body) {
      const participant = review?.participants.find((p) => p.nickname === row.nickname);
      expect(row.dataset).toBe("xor");
      expect(row.removed).toBe("false");
      expect(Number(row.runs)).toBe(participant?.runCount);
      expect(Number(row.hidden)).toBe(participant?.best?.config.hidden);
      expect(Number(row.final_loss_reported)).toBe(participant?.best?.reportedLoss);
      expect(Number(row.final_loss_verified)).toBe(participant?.best?.verifiedLoss);
      expect(row.reached_target).toBe(String(participant?.best?.verification.isReachedTarget));
      expect(row.verification).toBe("agree");
      expect(Number(row.time_in_class_s)).toBe(Math.round((participant?.timeSpentMs ?? Number.NaN) / 1000));
    }

    const chunks = await exportSessionJson(live.db, owner.teacherId, owner.classId);
    let text = "";
    for await (const chunk of chunks ?? []) text += chunk;
    const exported = JSON.parse(text) as {
      session: { title: string; status: string };
      participants: {
        id: string;
        runs: { id: string; curve: unknown; finalMap: string | null; weights: unknown; verifiedLoss: number | null }[];
      }[];
    };
    expect(exported.session).toMatchObject({ title: "Period 3 = XOR", status: "ENDED" });
    const stored = await storedParticipants();
    expect(exported.participants.map((p) => p.id).sort()).toEqual(stored.map((p) => p.id).sort());
    for (const participant of exported.participants) {
      const storedRuns = stored.find((p) => p.id === participant.id)?.runs ?? [];
      expect(participant.runs.map((run) => run.id)).toEqual(storedRuns.map((run) => run.id));
      for (const [i, run] of participant.runs.entries()) {
        const original = storedRuns[i];
        expect(run.curve).toEqual(original?.curve);
        expect(run.weights).toEqual(original?.weights);
        expect(run.verifiedLoss).toBe(original?.verifiedLoss);
        expect(run.finalMap).toBe(original?.finalMap ? Buffer.from(original.finalMap).toString("base64") : null);
      }
    }
  });

  it("gives another teacher nothing: review, detail, replay and every export", async () => {
    const [ada] = await storedParticipants();
    const runId = ada?.runs[0]?.id ?? "";
    expect(await getSessionReview(live.db, stranger.teacherId, owner.classId)).toBeNull();
    expect(await getParticipantReview(live.db, stranger.teacherId, owner.classId, ada?.id ?? "")).toBeNull();
    // Their own session id with someone else's participant is no way in either.
    expect(await getParticipantReview(live.db, stranger.teacherId, stranger.classId, ada?.id ?? "")).toBeNull();
    expect(await getReplay(live.db, stranger.teacherId, owner.classId)).toBeNull();
    expect(await exportSessionJson(live.db, stranger.teacherId, owner.classId)).toBeNull();
    expect(await exportRunWeights(live.db, stranger.teacherId, owner.classId, runId)).toBeNull();
    expect(await exportRunWeights(live.db, stranger.teacherId, stranger.classId, runId)).toBeNull();
  });
});
