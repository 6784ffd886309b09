/**
 * A snapshot of a student mid-run who is not spotlit, over real sockets and a real database
 * (issue 16): the server asks that student's page once for its weights (network:request), and the
 * snapshot is stored with them (checked against the run) before the ack that says so. Garbage,
 * weights that do not fit the run, a page with none, a silent page and an offline student each
 * leave the snapshot without weights, say why, and never hold the ack past the bound. The fetched
 * weights also feed the dead-units flag.
 */
import { io } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { CHANCE_FLAG_STEPS } from "@/lib/classroom/attention";
import { DATASET_EXTENT, decisionMap, fromChapterWeights, initMlp, toChapterWeights } from "@/lib/ml/nn";
import {
  MAP_RESOLUTION,
  type NetworkRequest,
  type NetworkWeights,
  type ProtocolError,
  WEIGHTS_ANSWER_TIMEOUT_MS,
  type Weights,
} from "@/lib/protocol";
import { createStudentClient, socketIoPort, studentSocketOptions } from "@/lib/student-client";
import { WEIGHTS_POLL_INTERVAL_MS } from "@/server/realtime/room-weights";
import { verifyRun } from "@/server/runs/verify-run";
import {
  collect,
  createTeacherWithClass,
  joinStudent,
  studentAuth,
  teacherAuth,
  until,
  useRealtimeServer,
} from "../../helpers/realtime";
import { decodedSnapshot } from "./fixtures";

const live = useRealtimeServer();
const opened: { disconnect(): void; close?(): void }[] = [];
afterEach(async () => {
  for (const socket of opened.splice(0)) socket.disconnect();
  await new Promise((resolve) => setTimeout(resolve, 50));
});
/** The ack's bound: the answer timeout plus one insert on a loaded machine. */
const ACK_BOUND_MS = WEIGHTS_ANSWER_TIMEOUT_MS + 1500;
const HIDDEN = 8;

/** A ReLU net of the run's size whose first `dead` units output 0 on every point. */
function weightsWithDead(dead: number, seed = 3): Weights {
  const weights = toChapterWeights(initMlp({ hidden: HIDDEN, activation: "relu", seed })) as Weights;
  for (let j = 0; j < dead; j++) {
    weights.w1[j] = [0, 0];
    weights.b1[j] = -1;
  }
  return weights;
}

async function teacherOf(owner: Awaited<ReturnType<typeof createTeacherWithClass>>) {
  const teacher = await live.server.open(teacherAuth(owner.classId), owner.cookie);
  opened.push(teacher.socket);
  return teacher.socket;
}

/** A raw student socket mid-run (a run started, one progress update with a map), not spotlit. */
async function rawStudent(joinCode: string, nickname: string) {
  const joined = await joinStudent(live.db, joinCode, nickname);
  const { socket } = await live.server.open(studentAuth(joined.token));
  opened.push(socket);
  const run = await socket.emitWithAck("run:start", { choice: { hidden: HIDDEN } });
  if (!run.ok) throw new Error("run:start refused");
  socket.emit("progress:update", {
    runId: run.runId,
    step: 10,
    accuracy: 0.5,
    points: [[10, 0.69]],
    map: new Uint8Array(MAP_RESOLUTION * MAP_RESOLUTION).fill(90),
  });
  const requests = collect<NetworkRequest>(socket, "network:request");
  const errors = collect<ProtocolError>(socket, "error");
  return { ...joined, socket, runId: run.runId as string, requests, errors };
}

async function take(teacher: Awaited<ReturnType<typeof teacherOf>>, participantId: string) {
  const startedAt = Date.now();
  const ack = await teacher.emitWithAck("snapshot:control", { type: "take", participantId });
  return { ack, elapsedMs: Date.now() - startedAt };
}

const rowOf = (id: string) => live.db.snapshot.findUniqueOrThrow({ where: { id } });

describe("a snapshot asks a student mid-run for the weights", () => {
  it("stores the weights the real student client gives, with the map and figures they make, before the ack", async () => {
    const owner = await createTeacherWithClass(live.db);
    const teacher = await teacherOf(owner);
    const joined = await joinStudent(live.db, owner.joinCode, "Ada");
    const weights = weightsWithDead(3);
    let current: NetworkWeights | null = null;
    const socket = io(live.server.url, {
      path: "/socket.io",
      transports: ["websocket"],
      ...studentSocketOptions(joined.token),
    });
    const client = createStudentClient({ socket: socketIoPort(socket), currentWeights: () => current });
    opened.push({ disconnect: () => client.close() });
    client.start();
    await until(() => client.getSnapshot().connection.phase === "connected" && client.hasState, "the client in class");
    const run = await client.startRun({ hidden: HIDDEN });
    if (!run.ok) throw new Error(run.error.code);
    current = { runId: run.runId, step: 640, weights };
    client.sendProgress({ runId: run.runId, step: 600, accuracy: 0.5, points: [[600, 0.6]] });
    const room = live.server.realtime.hub.getRoom(owner.classId);
    await until(() => room?.snapshotSource(joined.participantId)?.step === 600, "the progress in the room");
    // Not spotlit and mid-run: the server has no weights of its own.
    expect(room?.snapshotSource(joined.participantId)?.weights).toBeNull();

    const { ack } = await take(teacher, joined.participantId);
    expect(ack).toMatchObject({ ok: true, weights: "fetched" });
    const row = await rowOf(ack.snapshotId);
    expect(row).toMatchObject({ runId: run.runId, step: 640, weightsStatus: "fetched", weights });
    // The map and figures are those of the weights, so the map and the network view agree.
    const net = fromChapterWeights(weights, { activation: weights.activation });
    expect(row.map).toEqual(decisionMap(net, { resolution: MAP_RESOLUTION, extent: DATASET_EXTENT }));
    const verified = verifyRun(run.config, weights);
    expect(row.loss).toBeCloseTo(verified?.loss ?? Number.NaN, 12);
    expect(row.accuracy).toBeCloseTo(verified?.accuracy ?? Number.NaN, 12);

    // Dead units are judged from the fetched weights too (3 of 8 dead), on the next judgement.
    await until(
      () =>
        room !== undefined &&
        decodedSnapshot(room)
          .participants.find((tile) => tile.id === joined.participantId)
          ?.flags?.some((flag) => flag.kind === "deadUnits" && flag.level === 3) === true,
      "the dead-units flag from the fetched weights",
      3000,
    );
  });

  it("says why when the page's answer is garbage, does not fit the run, or has none, without waiting", async () => {
    const owner = await createTeacherWithClass(live.db);
    const teacher = await teacherOf(owner);
    const cases: { name: string; answer: (request: NetworkRequest, runId: string) => unknown; status: string }[] = [
      { name: "garbage", answer: ({ requestId }) => ({ requestId, weights: "all of them" }), status: "invalid" },
      {
        name: "too few units",
        answer: ({ requestId }, runId) => ({
          requestId,
          runId,
          step: 20,
          weights: toChapterWeights(initMlp({ hidden: 4, activation: "relu", seed: 1 })),
        }),
        status: "invalid",
      },
      {
        name: "another activation",
        answer: ({ requestId }, runId) => ({
          requestId,
          runId,
          step: 20,
          weights: toChapterWeights(initMlp({ hidden: HIDDEN, activation: "tanh", seed: 1 })),
        }),
        status: "invalid",
      },
      {
        name: "another run",
        answer: ({ requestId }) => ({ requestId, runId: "not-the-run", step: 20, weights: weightsWithDead(0) }),
        status: "invalid",
      },
      {
        name: "overflowing values",
        answer: ({ requestId }, runId) => {
          const weights = weightsWithDead(0);
          weights.w2 = [weights.w2[0]?.map(() => 1e308) ?? []];
          return { requestId, runId, step: 20, weights };
        },
        status: "invalid",
      },
      {
        name: "none",
        answer: ({ requestId }, runId) => ({ requestId, runId, step: 0, weights: null }),
        status: "none",
      },
    ];
    for (const { name, answer, status } of cases) {
      const student = await rawStudent(owner.joinCode, `S ${name}`);
      student.socket.on("network:request", (request: NetworkRequest) =>
        student.socket.emit("network:answer", answer(request, student.runId)),
      );
      const { ack, elapsedMs } = await take(teacher, student.participantId);
      expect(ack, name).toMatchObject({ ok: true, weights: status });
      expect(elapsedMs, name).toBeLessThan(WEIGHTS_ANSWER_TIMEOUT_MS);
      const row = await rowOf(ack.snapshotId);
      expect(row, name).toMatchObject({ weights: null, weightsStatus: status, runId: student.runId, step: 10 });
      expect(row.map?.[0], name).toBe(90);
      expect(student.requests, name).toHaveLength(1);
      if (name === "garbage") {
        await until(() => student.errors.length > 0, "the refusal of the garbage");
        expect(student.errors[0]).toMatchObject({ code: "INVALID_PAYLOAD", event: "network:answer" });
      }
    }
  });

  it("stores the snapshot without weights when the page stays silent, within the bound, one request for two takes", async () => {
    const owner = await createTeacherWithClass(live.db);
    const teacher = await teacherOf(owner);
    const silent = await rawStudent(owner.joinCode, "Silent");
    const [first, second] = await Promise.all([
      take(teacher, silent.participantId),
      take(teacher, silent.participantId),
    ]);
    for (const { ack, elapsedMs } of [first, second]) {
      expect(ack).toMatchObject({ ok: true, weights: "timeout" });
      expect(elapsedMs).toBeGreaterThanOrEqual(WEIGHTS_ANSWER_TIMEOUT_MS - 50);
      expect(elapsedMs).toBeLessThan(ACK_BOUND_MS);
      expect(await rowOf(ack.snapshotId)).toMatchObject({ weights: null, weightsStatus: "timeout" });
    }
    // Both takes shared one request: the server asks a student once at a time.
    expect(silent.requests).toHaveLength(1);
    // A late answer to it is refused as unasked, and changes nothing.
    silent.socket.emit("network:answer", {
      requestId: silent.requests[0]?.requestId,
      runId: silent.runId,
      step: 20,
      weights: weightsWithDead(0),
    });
    await until(() => silent.errors.length > 0, "the late answer refused");
    expect(silent.errors[0]).toMatchObject({ code: "INVALID_PAYLOAD", message: "No weights were asked for" });
    expect(live.server.realtime.hub.getRoom(owner.classId)?.snapshotSource(silent.participantId)?.weights).toBeNull();
  });

  it("asks nobody for an offline student, a finished run or a student without a run", async () => {
    const owner = await createTeacherWithClass(live.db);
    const teacher = await teacherOf(owner);
    const offline = await rawStudent(owner.joinCode, "Gone");
    offline.socket.disconnect();
    await until(() => live.server.realtime.hub.socketCount(owner.classId) === 1, "the student offline");
    const gone = await take(teacher, offline.participantId);
    expect(gone.ack).toMatchObject({ ok: true, weights: "offline" });
    expect(gone.elapsedMs).toBeLessThan(WEIGHTS_ANSWER_TIMEOUT_MS);

    const idle = await joinStudent(live.db, owner.joinCode, "Idle");
    const idleSocket = (await live.server.open(studentAuth(idle.token))).socket;
    opened.push(idleSocket);
    const idleRequests = collect<NetworkRequest>(idleSocket, "network:request");
    expect((await take(teacher, idle.participantId)).ack).toMatchObject({ ok: true, weights: "noRun" });

    const done = await rawStudent(owner.joinCode, "Done");
    const weights = weightsWithDead(0);
    const finish = await done.socket.emitWithAck("run:finish", {
      runId: done.runId,
      outcome: "stopped",
      step: 30,
      loss: 0.6,
      accuracy: 0.6,
      curve: [[30, 0.6]],
      map: new Uint8Array(MAP_RESOLUTION * MAP_RESOLUTION).fill(10),
      weights,
    });
    expect(finish.ok).toBe(true);
    const held = await take(teacher, done.participantId);
    expect(held.ack).toMatchObject({ ok: true, weights: "held" });
    expect(await rowOf(held.ack.snapshotId)).toMatchObject({ weights, weightsStatus: "held" });
    expect(done.requests).toHaveLength(0);
    expect(idleRequests).toHaveLength(0);
  });

  it("refuses unasked answers, and a flood of them as rate-limited", async () => {
    const owner = await createTeacherWithClass(live.db);
    await teacherOf(owner);
    const pushy = await rawStudent(owner.joinCode, "Pushy");
    for (let i = 0; i < 40; i++)
      pushy.socket.emit("network:answer", { requestId: "mine", runId: pushy.runId, step: 1, weights: null });
    await until(() => pushy.errors.length === 40, "every answer refused");
    const codes = new Set(pushy.errors.map((error) => error.code));
    expect(codes).toEqual(new Set(["INVALID_PAYLOAD", "RATE_LIMITED"]));
  });
});

describe("dead units of a running net flagged stuck", () => {
  it("polls a student at chance for the weights, and flags the dead units they show mid-run", async () => {
    const owner = await createTeacherWithClass(live.db);
    await teacherOf(owner);
    const stuck = await rawStudent(owner.joinCode, "Stuck");
    const healthy = await rawStudent(owner.joinCode, "Fine");
    const answer = (student: typeof stuck, weights: Weights) =>
      student.socket.on("network:request", ({ requestId }: NetworkRequest) =>
        student.socket.emit("network:answer", {
          requestId,
          runId: student.runId,
          step: CHANCE_FLAG_STEPS + 100,
          weights,
        }),
      );
    answer(stuck, weightsWithDead(3));
    answer(healthy, weightsWithDead(3));
    const step = CHANCE_FLAG_STEPS + 100;
    // At chance past the flag's steps: a symptom dead units cause. The other student learns.
    stuck.socket.emit("progress:update", { runId: stuck.runId, step, accuracy: 0.5, points: [[step, 0.69]] });
    healthy.socket.emit("progress:update", { runId: healthy.runId, step, accuracy: 0.9, points: [[step, 0.3]] });
    const room = live.server.realtime.hub.getRoom(owner.classId);
    const flagsOf = (id: string) =>
      room ? (decodedSnapshot(room).participants.find((tile) => tile.id === id)?.flags ?? []) : [];
    await until(
      () => flagsOf(stuck.participantId).some((flag) => flag.kind === "deadUnits" && flag.level === 3),
      "the dead-units flag from the polled weights",
      5000,
    );
    expect(flagsOf(stuck.participantId).map((flag) => flag.kind)).toEqual(expect.arrayContaining(["chance"]));
    // One ask per poll interval, and none for a student who is not stuck.
    expect(stuck.requests).toHaveLength(1);
    expect(healthy.requests).toHaveLength(0);
    expect(WEIGHTS_POLL_INTERVAL_MS).toBeGreaterThan(5000);
    // No snapshot was taken: the weights came from the poll alone.
    expect(await live.db.snapshot.count({ where: { classSessionId: owner.classId } })).toBe(0);
  });
});
