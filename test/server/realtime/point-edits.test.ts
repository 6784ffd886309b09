/**
 * Points students add, over real sockets and a real database: an edit is acked once stored, a
 * reconnect gets the log back, the teacher's switch refuses further edits, and a finished edited
 * run is scored on the edited points and never counts as reached.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_N, makeDataset } from "@/lib/ml/nn";
import type { StudentControl, TeacherFrame } from "@/lib/protocol";
import { editedDataset, type PointEdit } from "@/lib/training";
import { getParticipantReview } from "@/server/review/get-participant-review";
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
import { trainedFinish } from "../../helpers/trained-run";

const live = useRealtimeServer();

describe("point edits over socket.io", () => {
  it("stores each edit before its ack, gives it back on reconnect, and obeys the teacher's switch", async () => {
    const owner = await createTeacherWithClass(live.db);
    const teacher = (await live.server.open(teacherAuth(owner.classId), owner.cookie)).socket;
    const frames = collect<TeacherFrame>(teacher, "teacher:frame");
    const ada = await joinStudent(live.db, owner.joinCode, "Ada");
    const student = (await live.server.open(studentAuth(ada.token))).socket;
    const controls = collect<StudentControl>(student, "student:control");
    const run = await student.emitWithAck("run:start", { choice: {} });
    expect(run.ok).toBe(true);

    const edits: PointEdit[] = [
      { op: "add", x: 1.5, y: 1.5, label: 0, step: 10 },
      { op: "add", x: -1.5, y: -1.5, label: 1, step: 10 },
      { op: "remove", x: 0.9, y: -0.9, step: 25 },
    ];
    for (const edit of edits) {
      const ack = await student.emitWithAck("run:edit", { runId: run.runId, edit });
      expect(ack).toEqual({ ok: true });
    }
    const stored = await live.db.run.findUniqueOrThrow({ where: { id: run.runId }, select: { edits: true } });
    expect(stored.edits).toEqual(edits);
    await until(
      () => frames.some((frame) => frame.participants.some((tile) => tile.isEdited === true)),
      "the tile says edited data",
    );
    // A step going back is refused.
    const back = await student.emitWithAck("run:edit", { runId: run.runId, edit: { op: "reset", step: 3 } });
    expect(back.error.code).toBe("INVALID_PAYLOAD");

    // A reload: the state carries the run's log, so the page replays it.
    const again = await live.server.open(studentAuth(ada.token));
    await until(() => again.states.length > 0, "state on reconnect");
    expect(again.states[0]?.run?.edits).toEqual(edits);

    // The teacher forbids it: students are told, runs go on, the next edit is refused.
    const off = await teacher.emitWithAck("class:control", { type: "pointEdits", isAllowed: false });
    expect(off.ok).toBe(true);
    await until(() => controls.some((control) => control.type === "settings"), "students told");
    const settingsControl = controls.find((control) => control.type === "settings");
    expect(settingsControl && "state" in settingsControl && settingsControl.state.settings.allowPointEdits).toBe(false);
    expect(settingsControl && "state" in settingsControl && settingsControl.state.run?.runId).toBe(run.runId);
    const refused = await student.emitWithAck("run:edit", {
      runId: run.runId,
      edit: { op: "add", x: 0, y: 0, label: 1, step: 30 },
    });
    expect(refused.error.code).toBe("EDITS_FORBIDDEN");
    const session = await live.db.classSession.findUniqueOrThrow({ where: { id: owner.classId } });
    expect((session.settings as { allowPointEdits: boolean }).allowPointEdits).toBe(false);
  });

  it("scores a finished edited run on the edited points and never counts it as reached", async () => {
    const owner = await createTeacherWithClass(live.db);
    const ada = await joinStudent(live.db, owner.joinCode, "Ada");
    const student = (await live.server.open(studentAuth(ada.token))).socket;
    const run = await student.emitWithAck("run:start", { choice: {} });
    const edit: PointEdit = { op: "add", x: 0.1, y: 0.1, label: 1, step: 0 };
    expect(await student.emitWithAck("run:edit", { runId: run.runId, edit })).toEqual({ ok: true });
    // Weights trained on the class's points: good enough to reach the target there.
    const finish = trainedFinish(run.runId, run.config);
    expect(finish.accuracy).toBeGreaterThanOrEqual(run.config.targetAccuracy);
    expect(await student.emitWithAck("run:finish", finish)).toEqual({ ok: true });
    const stored = await live.db.run.findUniqueOrThrow({ where: { id: run.runId } });
    const expected = verifyRun(run.config, finish.weights!, [edit]);
    const plain = verifyRun(run.config, finish.weights!);
    expect(stored.verifiedLoss).toBeCloseTo(expected!.loss, 12);
    expect(stored.verifiedLoss).not.toBeCloseTo(plain!.loss, 12);
    expect(stored.status).toBe("FINISHED");
    expect(stored.edits).toEqual([edit]);
    // The review labels it, gives the log to draw the edited points, and never calls it reached.
    const detail = await getParticipantReview(live.db, owner.teacherId, owner.classId, ada.participantId);
    expect(detail?.runs[0]).toMatchObject({ isEdited: true, edits: [edit] });
    expect(detail?.runs[0]?.verification.isReachedTarget).toBe(false);
    const base = makeDataset(run.config.dataset, { n: DEFAULT_N, noise: run.config.noise, seed: run.config.dataSeed });
    expect(editedDataset(base, [edit]).ys.length).toBe(DEFAULT_N + 1);
  });
});
