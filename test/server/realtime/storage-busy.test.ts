/**
 * Backpressure at the hub (issue 13): while storage is behind (HubHooks.isStorageBusy), a new run
 * start, finish or cell check is refused with STORAGE_UNAVAILABLE before the room takes it, so the
 * run stays open and the sender's copy is the only one (it resends); a resend of a finish already
 * accepted still goes through. And once a finish is stored the room lets go of it: a resend is
 * answered at once, with nothing written again.
 */
import { describe, expect, it, vi } from "vitest";
import { defaultSessionSettings, type RunConfig } from "../../../lib/classroom/settings";
import { PARTICIPANT_STATUS } from "../../../lib/classroom/status";
import { createClassRoomHub } from "../../../server/realtime/class-room-hub";
import type { HubHooks } from "../../../server/realtime/hub-types";
import { trainedFinish } from "../../helpers/trained-run";
import { createClock, createFakeSocket, createIds } from "./fixtures";

type Answer = { ok: boolean; error?: { code: string; message: string }; [key: string]: unknown };

const STORED = { ok: true } as const;

function createBusyHub(hooks: HubHooks) {
  const clock = createClock();
  const hub = createClassRoomHub({ now: clock.now, createId: createIds(), hooks });
  hub.openRoom({ classId: "class_a", ownerId: "teacher_a", title: "Hall", settings: defaultSessionSettings() });
  const socket = createFakeSocket("s-p1");
  const connected = hub.connectStudent(socket, { classId: "class_a", participantId: "p1", nickname: "Ada" });
  if (!connected.ok) throw new Error(connected.error.code);
  /** Sends an event as socket.io's onAny would; resolves with its ack, which may wait for storage. */
  const send = async (event: string, payload: unknown): Promise<Answer> => {
    const ack = vi.fn();
    hub.receive(socket, event, [payload, ack]);
    for (let turn = 0; turn < 20 && ack.mock.calls.length === 0; turn++) await new Promise(setImmediate);
    return ack.mock.calls[0]?.[0] as Answer;
  };
  const status = () => hub.getRoom("class_a")?.snapshotForTeacher().participants[0]?.status;
  return { hub, clock, send, status };
}

describe("hub: storage behind", () => {
  it("refuses new durable rows before the room takes them, and takes them once storage catches up", async () => {
    let isBusy = false;
    const onRunFinished = vi.fn(async () => STORED);
    const onRunStarted = vi.fn(async () => STORED);
    const onCellChecked = vi.fn(async () => STORED);
    const { send, status, clock } = createBusyHub({
      isStorageBusy: () => isBusy,
      onRunStarted,
      onRunFinished,
      onCellChecked,
    });
    const started = await send("run:start", { choice: {} });
    expect(started.ok).toBe(true);
    const finish = trainedFinish(started.runId as string, started.config as RunConfig, 40);
    clock.advance(1000);

    isBusy = true;
    const refused = await send("run:finish", finish);
    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: "STORAGE_UNAVAILABLE" }) });
    expect(refused.error?.message).toMatch(/busy/);
    // Nothing was taken: the run is still open, storage never heard of the finish.
    expect(onRunFinished).not.toHaveBeenCalled();
    expect(status()).toBe(PARTICIPANT_STATUS.training);
    expect((await send("run:start", { choice: {}, requestId: "again-1" })).error?.code).toBe("STORAGE_UNAVAILABLE");
    expect((await send("cell:check", { cell: 1, isPassed: true, checkId: "c1" })).error?.code).toBe(
      "STORAGE_UNAVAILABLE",
    );
    expect(onRunStarted).toHaveBeenCalledTimes(1);
    expect(onCellChecked).not.toHaveBeenCalled();

    isBusy = false;
    expect(await send("run:finish", finish)).toEqual({ ok: true });
    expect(onRunFinished).toHaveBeenCalledTimes(1);
    expect(status()).toBe(PARTICIPANT_STATUS.finished);
  });

  it("lets a resend of an accepted finish through while busy, and answers one already stored without writing", async () => {
    let isBusy = false;
    // Every hand-over of the finish waits for the same commit.
    let store: (outcome: typeof STORED) => void = () => undefined;
    const committed = new Promise<typeof STORED>((resolve) => (store = resolve));
    const onRunFinished = vi.fn(() => committed);
    const { send, clock } = createBusyHub({
      isStorageBusy: () => isBusy,
      onRunStarted: async () => STORED,
      onRunFinished,
    });
    const started = await send("run:start", { choice: {} });
    const finish = trainedFinish(started.runId as string, started.config as RunConfig, 40);
    clock.advance(1000);

    // Accepted, not yet stored (the ack waits); storage then falls behind.
    const first = send("run:finish", finish);
    await new Promise(setImmediate);
    expect(onRunFinished).toHaveBeenCalledTimes(1);
    isBusy = true;
    clock.advance(1000);
    // The resend (its ack lost) is handed to storage again: it is already in the backlog.
    const resent = send("run:finish", finish);
    await new Promise(setImmediate);
    expect(onRunFinished).toHaveBeenCalledTimes(2);
    store(STORED);
    expect(await first).toEqual({ ok: true });
    expect(await resent).toEqual({ ok: true });

    // Stored: the room holds no copy; a resend is answered at once and nothing is written again.
    clock.advance(1000);
    expect(await send("run:finish", finish)).toEqual({ ok: true });
    expect(onRunFinished).toHaveBeenCalledTimes(2);
  });
});
