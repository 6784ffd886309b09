/**
 * One refused row costs only itself (issue 11 item 1, the writer's part): a cell check carrying a
 * NUL, which PostgreSQL refuses ("invalid byte sequence 0x00"), handed to the writer below the
 * schema layer among honest checks and a finish. The batch is split and written row by row: the
 * honest rows land, the run:finish queued behind lands, only the bad row's sender hears a refusal.
 */
import { describe, expect, it } from "vitest";
import type { CellResult, RunStartResult } from "@/lib/protocol";
import { createTeacherWithClass, joinStudent, studentAuth, until, useRealtimeServer } from "../../helpers/realtime";
import { trainedFinish } from "../../helpers/trained-run";

let clock = Date.now();
const live = useRealtimeServer({ now: () => clock });

const cellResult = (cell: number, isPassed: boolean): CellResult => ({
  cell,
  isPassed,
  attempts: 1,
  lastError: isPassed ? null : "wrong shape",
});

async function student(joinCode: string, nickname: string) {
  const joined = await joinStudent(live.db, joinCode, nickname);
  const opened = await live.server.open(studentAuth(joined.token));
  expect(opened.error).toBeNull();
  return { ...joined, socket: opened.socket };
}

describe("a row PostgreSQL refuses", () => {
  it("is refused alone: honest cell checks beside it and the finish behind it are stored", async () => {
    const owner = await createTeacherWithClass(live.db);
    const ada = await student(owner.joinCode, "Ada");
    const bob = await student(owner.joinCode, "Bob");
    const eve = await student(owner.joinCode, "Eve");
    clock += 1000;
    const start = (await ada.socket.emitWithAck("run:start", { choice: {} })) as { ok: true } & RunStartResult;
    expect(start.ok).toBe(true);
    const finish = trainedFinish(start.runId, start.config, 50);
    const { hooks } = live.server.persistence;
    const classId = owner.classId;

    // One turn of the event loop: the writer puts all four in one batch.
    const honestAda = hooks.onCellChecked({
      classId,
      participantId: ada.participantId,
      check: { cell: 1, code: "ok", isPassed: true },
      result: cellResult(1, true),
    } as Parameters<typeof hooks.onCellChecked>[0]);
    const hostile = hooks.onCellChecked({
      classId,
      participantId: eve.participantId,
      check: { cell: 1, code: "x\u0000y", isPassed: false },
      result: cellResult(1, false),
    } as Parameters<typeof hooks.onCellChecked>[0]);
    const honestBob = hooks.onCellChecked({
      classId,
      participantId: bob.participantId,
      check: { cell: 2, code: "fine", isPassed: true },
      result: cellResult(2, true),
    } as Parameters<typeof hooks.onCellChecked>[0]);
    const finished = ada.socket.emitWithAck("run:finish", finish);

    expect(await hostile).toEqual({ ok: false, error: expect.objectContaining({ code: "INVALID_PAYLOAD" }) });
    expect(await honestAda).toEqual({ ok: true });
    expect(await honestBob).toEqual({ ok: true });
    expect(await finished).toEqual({ ok: true });

    const cells = await live.db.cellCheck.findMany({ orderBy: { cell: "asc" } });
    expect(cells.map((c) => [c.participantId, c.cell, c.code])).toEqual([
      [ada.participantId, 1, "ok"],
      [bob.participantId, 2, "fine"],
    ]);
    const run = await live.db.run.findUniqueOrThrow({ where: { id: start.runId } });
    expect(run.status).not.toBe("TRAINING");
    expect(run.curve).toEqual(finish.curve);
    expect(run.weights).toEqual(finish.weights);
    expect(live.server.persistence.status()).toMatchObject({ refusedRows: 1, isDatabaseUp: true });

    // Only the bad row was reported, by its participant, with what PostgreSQL said.
    const logged = live.server.logs.splice(0);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`cell:${eve.participantId}:1`);
    expect(logged[0]).toMatch(/0x00/);

    // The writer carries on: the next honest check lands as usual.
    clock += 1000;
    const later = await bob.socket.emitWithAck("cell:check", { cell: 1, code: "again", isPassed: true });
    expect(later).toMatchObject({ ok: true });
    await until(async () => (await live.db.cellCheck.count()) === 3, "the later check stored");
  });
});
