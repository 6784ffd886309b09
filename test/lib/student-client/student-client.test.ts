/**
 * The student client's reconnect, resume and retry logic, with a fake socket and a hand-driven
 * clock: no network, no waiting. The real-socket paths are covered by test/server/simulator
 * (bots) and the e2e student-play spec (the page).
 */
import { describe, expect, it } from "vitest";
import { ERROR_CODE, runFinishSchema } from "@/lib/protocol";
import {
  createStudentClient,
  NOT_CONNECTED_MESSAGE,
  RETRY_CONNECT_MS,
  RETRY_MAX_MS,
  retryDelayMs,
  WAITED_REQUEST_ATTEMPTS,
} from "@/lib/student-client";
import { validFinish as rawFinish, validProgress } from "../protocol/fixtures";
import { classState, createFakeSocket, createManualClock, refusal, runStarted, settle } from "./fake-socket";

const validFinish = () => runFinishSchema.parse(rawFinish());
/** The jitter's midpoint: waits are exactly retryDelayMs(n, () => 0.5). */
const MID = () => 0.5;

function setup() {
  const socket = createFakeSocket();
  const clock = createManualClock();
  const states: { runId: string | null; isReconnect: boolean }[] = [];
  const controls: string[] = [];
  const refusals: string[] = [];
  const client = createStudentClient({
    socket: socket.port,
    schedule: clock.schedule,
    random: MID,
    onState: (state, isReconnect) => states.push({ runId: state.run?.runId ?? null, isReconnect }),
    onControl: (control) => controls.push(control.type),
    onRefused: (error) => refusals.push(error.code),
  });
  client.start();
  return { socket, clock, client, states, controls, refusals };
}

describe("connection", () => {
  it("connects on start and publishes each phase as a new snapshot", () => {
    const { socket, client } = setup();
    expect(socket.calls.connect).toBe(1);
    const seen: string[] = [];
    client.subscribe(() => seen.push(client.getSnapshot().connection.phase));
    const before = client.getSnapshot();
    expect(before.connection.phase).toBe("connecting");
    expect(client.getSnapshot()).toBe(before);
    socket.accept();
    socket.drop();
    expect(seen).toEqual(["connected", "offline"]);
    expect(client.getSnapshot()).not.toBe(before);
  });

  it("tells a reconnect's session:state from the first, and ignores a malformed one", () => {
    const { socket, states } = setup();
    socket.accept(classState({ run: null }));
    socket.send("session:state", { v: 1, nonsense: true });
    socket.drop();
    socket.accept(classState({ run: { runId: "run_1", config: runStarted().config, edits: [] } }));
    expect(states).toEqual([
      { runId: null, isReconnect: false },
      { runId: "run_1", isReconnect: true },
    ]);
  });

  it("closes on a refusal retrying cannot change, and never reconnects", async () => {
    const { socket, clock, client } = setup();
    socket.refuse(refusal(ERROR_CODE.removed, "Removed").error);
    expect(client.getSnapshot().connection).toEqual({
      phase: "closed",
      error: { code: ERROR_CODE.removed, message: "Removed" },
    });
    expect(socket.calls.disconnect).toBe(1);
    expect(socket.isListening).toBe(false);
    await clock.advance(10 * RETRY_CONNECT_MS);
    expect(socket.calls.connect).toBe(1);
  });

  it("reconnects by hand after a passing middleware refusal, which socket.io does not retry", async () => {
    const { socket, clock, client } = setup();
    socket.refuse(refusal(ERROR_CODE.internal).error, false);
    expect(client.getSnapshot().connection.phase).toBe("offline");
    await clock.advance(RETRY_CONNECT_MS - 1);
    expect(socket.calls.connect).toBe(1);
    await clock.advance(1);
    expect(socket.calls.connect).toBe(2);
  });

  it("leaves a transport error to socket.io's own reconnection", async () => {
    const { socket, clock } = setup();
    socket.refuse(undefined, true);
    await clock.advance(10 * RETRY_CONNECT_MS);
    expect(socket.calls.connect).toBe(1);
  });

  it("reconnects after the server disconnected it, but not after other disconnects", async () => {
    const { socket, clock } = setup();
    socket.accept();
    socket.drop("transport close", true);
    await clock.advance(RETRY_CONNECT_MS);
    expect(socket.calls.connect).toBe(1);
    socket.accept();
    socket.drop("io server disconnect", false);
    await clock.advance(RETRY_CONNECT_MS);
    expect(socket.calls.connect).toBe(2);
  });

  it("closes after student:control removed and after a final error event", () => {
    const removed = setup();
    removed.socket.accept();
    removed.socket.send("student:control", { type: "removed" });
    expect(removed.controls).toEqual(["removed"]);
    expect(removed.client.getSnapshot().connection.phase).toBe("closed");

    const ended = setup();
    ended.socket.send("error", refusal(ERROR_CODE.classEnded).error);
    expect(ended.client.getSnapshot().connection.phase).toBe("closed");
    // An error about one message (it names the event) is passed on, not final.
    const stale = setup();
    stale.socket.accept();
    stale.socket.send("error", { ...refusal(ERROR_CODE.staleRun).error, event: "progress:update" });
    expect(stale.refusals).toEqual([ERROR_CODE.staleRun]);
    expect(stale.client.getSnapshot().connection.phase).toBe("connected");
  });
});

describe("run:finish: kept and resent until stored", () => {
  it("resends after STORAGE_UNAVAILABLE with backoff, counting it unsaved until the ok", async () => {
    const { socket, clock, client } = setup();
    socket.accept();
    const finish = validFinish();
    const done = client.finishRun(finish);
    expect(socket.requests).toHaveLength(1);
    socket.requests[0]?.answer(refusal(ERROR_CODE.storageUnavailable));
    await settle();
    expect(client.getSnapshot().unsavedFinishes).toBe(1);
    await clock.advance(retryDelayMs(1, MID) - 1);
    expect(socket.requests).toHaveLength(1);
    await clock.advance(1);
    expect(socket.requests).toHaveLength(2);
    expect(socket.requests[1]?.payload).toEqual(finish);
    socket.requests[1]?.answer(refusal(ERROR_CODE.storageUnavailable));
    await clock.advance(retryDelayMs(2, MID));
    expect(socket.requests).toHaveLength(3);
    socket.requests[2]?.answer({ ok: true });
    expect(await done).toEqual({ ok: true });
    expect(client.getSnapshot().unsavedFinishes).toBe(0);
  });

  it("never gives up while the class wants it: lost packets are resent, waits stop growing", async () => {
    const { socket, clock, client } = setup();
    socket.accept();
    void client.finishRun(validFinish());
    for (let attempt = 1; attempt <= 12; attempt++) {
      expect(socket.requests).toHaveLength(attempt);
      socket.requests[attempt - 1]?.lose();
      await clock.advance(RETRY_MAX_MS * 1.25);
    }
    expect(client.getSnapshot().unsavedFinishes).toBe(1);
    expect(retryDelayMs(12, MID)).toBe(RETRY_MAX_MS);
  });

  it("stops resending once the server no longer wants the run (STALE_RUN)", async () => {
    const { socket, clock, client } = setup();
    socket.accept();
    const done = client.finishRun(validFinish());
    socket.requests[0]?.answer(refusal(ERROR_CODE.staleRun));
    expect(await done).toMatchObject({ ok: false, error: { code: ERROR_CODE.staleRun } });
    await clock.advance(10 * RETRY_MAX_MS);
    expect(socket.requests).toHaveLength(1);
    expect(client.getSnapshot().unsavedFinishes).toBe(0);
  });

  it("drops what is pending when the class closes it (removed), and sends nothing more", async () => {
    const { socket, clock, client } = setup();
    socket.accept();
    const done = client.finishRun(validFinish());
    socket.requests[0]?.answer(refusal(ERROR_CODE.storageUnavailable));
    await settle();
    socket.send("student:control", { type: "removed" });
    expect((await done).ok).toBe(false);
    await clock.advance(10 * RETRY_MAX_MS);
    expect(socket.requests).toHaveLength(1);
    expect(client.getSnapshot().unsavedFinishes).toBe(0);
  });
});

describe("requests the student waits on", () => {
  it("answers at once while offline, sending nothing", async () => {
    const { socket, client } = setup();
    const answer = await client.startRun({});
    expect(answer).toEqual({ ok: false, error: { code: ERROR_CODE.internal, message: NOT_CONNECTED_MESSAGE } });
    expect(socket.requests).toHaveLength(0);
  });

  it("resends a rate-limited run:start after a wait and returns the run", async () => {
    const { socket, clock, client } = setup();
    socket.accept();
    const started = client.startRun({ lr: 0.1 });
    socket.requests[0]?.answer(refusal(ERROR_CODE.rateLimited));
    await clock.advance(retryDelayMs(1, MID));
    expect(socket.requests[1]?.payload).toEqual(socket.requests[0]?.payload);
    socket.requests[1]?.answer(runStarted("run_9"));
    expect(await started).toMatchObject({ ok: true, runId: "run_9" });
  });

  it("gives each start its own request id and keeps it on every resend", async () => {
    const { socket, clock, client } = setup();
    socket.accept();
    const first = client.startRun({});
    socket.requests[0]?.answer(refusal(ERROR_CODE.storageUnavailable));
    await clock.advance(retryDelayMs(1, MID));
    socket.requests[1]?.answer(runStarted("run_1"));
    await first;
    const second = client.startRun({});
    socket.requests[2]?.answer(runStarted("run_2"));
    await second;
    const ids = socket.requests.map((request) => (request.payload as { requestId?: string }).requestId);
    expect(ids[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it(`shows the refusal after ${WAITED_REQUEST_ATTEMPTS} attempts, and a final refusal at once`, async () => {
    const { socket, clock, client } = setup();
    socket.accept();
    const started = client.startRun({});
    for (let attempt = 1; attempt <= WAITED_REQUEST_ATTEMPTS; attempt++) {
      socket.requests[attempt - 1]?.answer(refusal(ERROR_CODE.storageUnavailable, "Database away"));
      await clock.advance(RETRY_MAX_MS * 1.25);
    }
    expect(socket.requests).toHaveLength(WAITED_REQUEST_ATTEMPTS);
    expect(await started).toMatchObject({ ok: false, error: { message: "Database away" } });

    const checked = client.checkCell({ cell: 1, isPassed: true });
    socket.requests[WAITED_REQUEST_ATTEMPTS]?.answer(refusal(ERROR_CODE.forbidden));
    expect(await checked).toMatchObject({ ok: false, error: { code: ERROR_CODE.forbidden } });
    await clock.advance(10 * RETRY_MAX_MS);
    expect(socket.requests).toHaveLength(WAITED_REQUEST_ATTEMPTS + 1);
  });

  it("refuses an answer that is not the protocol's", async () => {
    const { socket, client } = setup();
    socket.accept();
    const moved = client.moveToStep(1);
    socket.requests[0]?.answer({ ok: true, state: "not a state" });
    expect(await moved).toMatchObject({ ok: false, error: { code: ERROR_CODE.internal } });
  });
});

describe("progress and resume", () => {
  it("sends progress only while connected (volatile)", () => {
    const { socket, client } = setup();
    expect(client.sendProgress(validProgress())).toBe(false);
    socket.accept();
    expect(client.sendProgress(validProgress())).toBe(true);
    socket.drop();
    expect(client.sendProgress(validProgress())).toBe(false);
    expect(socket.volatile).toHaveLength(1);
  });

  it("sends a resume once and never resends it: an old curve must not overwrite newer points", async () => {
    const { socket, clock, client } = setup();
    socket.accept();
    const resume = { runId: "run_1", step: 40, accuracy: 0.5, curve: [[0, 0.7] as [number, number]], map: null };
    const answered = client.resumeRun(resume);
    socket.requests[0]?.answer(refusal(ERROR_CODE.rateLimited));
    expect(await answered).toMatchObject({ ok: false });
    await clock.advance(10 * RETRY_MAX_MS);
    expect(socket.requests).toHaveLength(1);
    socket.drop();
    expect(await client.resumeRun(resume)).toBeNull();
  });

  it("settles everything pending on close, timers included", async () => {
    const { socket, clock, client } = setup();
    socket.accept();
    const finished = client.finishRun(validFinish());
    const started = client.startRun({});
    client.close();
    expect((await finished).ok).toBe(false);
    expect((await started).ok).toBe(false);
    expect(clock.pending).toBe(0);
  });
});
