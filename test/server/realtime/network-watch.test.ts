/**
 * The spotlit student's network over real sockets: the student is told when the teacher watches
 * (and when not), only a watched student's weights reach the teacher, a late teacher (the
 * projector) gets the latest at once, and a finished run's final weights follow the spotlight.
 */
import { describe, expect, it } from "vitest";
import { initMlp, toChapterWeights } from "@/lib/ml/nn";
import type { NetworkWeights, StudentWatch, TeacherNetwork, Weights } from "@/lib/protocol";
import {
  collect,
  createTeacherWithClass,
  joinStudent,
  next,
  studentAuth,
  teacherAuth,
  until,
  useRealtimeServer,
} from "../../helpers/realtime";
import { trainedFinish } from "../../helpers/trained-run";

const live = useRealtimeServer();

function weightsOf(hidden: number, seed: number): Weights {
  return toChapterWeights(initMlp({ hidden, activation: "relu", seed })) as Weights;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("network watch over socket.io", () => {
  it("tells the spotlit student, forwards only their weights, and repeats the latest to a late teacher", async () => {
    const owner = await createTeacherWithClass(live.db);
    const teacher = (await live.server.open(teacherAuth(owner.classId), owner.cookie)).socket;
    const networks = collect<TeacherNetwork>(teacher, "teacher:network");
    const ada = await joinStudent(live.db, owner.joinCode, "Ada");
    const grace = await joinStudent(live.db, owner.joinCode, "Grace");
    const adaSocket = (await live.server.open(studentAuth(ada.token))).socket;
    const graceSocket = (await live.server.open(studentAuth(grace.token))).socket;
    const adaWatch = collect<StudentWatch>(adaSocket, "student:watch");
    const adaRun = await adaSocket.emitWithAck("run:start", { choice: {} });
    const graceRun = await graceSocket.emitWithAck("run:start", { choice: {} });
    expect(adaRun.ok && graceRun.ok).toBe(true);
    const hidden = adaRun.config.hidden as number;

    // Nobody watched yet: weights are dropped, nothing reaches the teacher.
    const early: NetworkWeights = { runId: adaRun.runId, step: 5, weights: weightsOf(hidden, 1) };
    adaSocket.emit("network:weights", early);
    await wait(150);
    expect(networks).toHaveLength(0);

    const spotlight = await teacher.emitWithAck("class:control", {
      type: "spotlight",
      participantId: ada.participantId,
    });
    expect(spotlight.ok).toBe(true);
    await until(() => adaWatch.some((watch) => watch.isWatched), "Ada told she is watched");

    const sent: NetworkWeights = { runId: adaRun.runId, step: 40, weights: weightsOf(hidden, 2) };
    adaSocket.emit("network:weights", sent);
    // Grace is not watched: hers never reach the teacher.
    graceSocket.emit("network:weights", { runId: graceRun.runId, step: 40, weights: weightsOf(hidden, 3) });
    await until(() => networks.some((network) => network.step === 40), "Ada's weights at the teacher");
    await wait(150);
    expect(networks.map((network) => network.participantId)).toEqual([ada.participantId]);
    expect(networks[0]?.weights).toEqual(sent.weights);

    // The projector opens later: it gets the latest weights right after its snapshot.
    const projector = await live.server.open(teacherAuth(owner.classId), owner.cookie);
    await until(() => projector.networks.length > 0, "the latest weights at the late projector");
    expect(projector.networks[0]).toMatchObject({ participantId: ada.participantId, step: 40 });

    // Ada reloads while watched: her new socket is told at once.
    const again = await live.server.open(studentAuth(ada.token));
    await until(() => again.watches.some((watch) => watch.isWatched), "a reconnecting watched student told");

    // A wrong shape for the run is refused (hidden mismatch), not forwarded.
    adaSocket.emit("network:weights", { runId: adaRun.runId, step: 41, weights: weightsOf(hidden + 1, 4) });
    const refusal = await next<{ code: string; event: string }>(adaSocket, "error");
    expect(refusal).toMatchObject({ code: "INVALID_PAYLOAD", event: "network:weights" });

    // Spotlight moves to Grace: Ada is told to stop; Grace's finished run's weights follow at once.
    const finish = trainedFinish(graceRun.runId, graceRun.config, 50);
    const finished = await graceSocket.emitWithAck("run:finish", finish);
    expect(finished.ok).toBe(true);
    const before = networks.length;
    await teacher.emitWithAck("class:control", { type: "spotlight", participantId: grace.participantId });
    await until(() => adaWatch.some((watch) => !watch.isWatched), "Ada told she is no longer watched");
    await until(() => networks.length > before, "Grace's final weights at the teacher");
    expect(networks[networks.length - 1]).toMatchObject({ participantId: grace.participantId, step: 50 });
    expect(networks[networks.length - 1]?.weights).toEqual(finish.weights);
  });

  it("limits a watched student to about four sends a second", async () => {
    const owner = await createTeacherWithClass(live.db);
    const teacher = (await live.server.open(teacherAuth(owner.classId), owner.cookie)).socket;
    const networks = collect<TeacherNetwork>(teacher, "teacher:network");
    const ada = await joinStudent(live.db, owner.joinCode, "Ada");
    const socket = (await live.server.open(studentAuth(ada.token))).socket;
    const run = await socket.emitWithAck("run:start", { choice: {} });
    await teacher.emitWithAck("class:control", { type: "spotlight", participantId: ada.participantId });
    const errors = collect<{ code: string }>(socket, "error");
    for (let step = 1; step <= 20; step++)
      socket.emit("network:weights", { runId: run.runId, step, weights: weightsOf(run.config.hidden, step) });
    await until(() => errors.length + networks.length >= 20, "every send answered or forwarded");
    expect(networks.length).toBeLessThanOrEqual(4);
    expect(errors.every((error) => error.code === "RATE_LIMITED")).toBe(true);
  });
});
