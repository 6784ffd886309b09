/**
 * Issue 11 holes 5–7 over real sockets: cell:check had no limit (955 in 10 s were accepted and
 * counted), progress was allowed 8/s plus a burst instead of the documented 4/s, and a connection
 * that never authenticated was held open. Each student event is now limited by sustained rate.
 */
import { Socket as EngineSocket } from "engine.io-client";
import { describe, expect, it } from "vitest";
import { STUDENT_EVENT_RATES, UNAUTHENTICATED_SOCKET_TIMEOUT_MS } from "@/server/security/limits";
import { createTeacherWithClass, joinStudent, studentAuth, until, useRealtimeServer } from "../../helpers/realtime";

const live = useRealtimeServer();

async function joinedStudent(nickname: string) {
  const owner = await createTeacherWithClass(live.db);
  const joined = await joinStudent(live.db, owner.joinCode, nickname);
  const { socket } = await live.server.open(studentAuth(joined.token));
  return { owner, joined, socket };
}

/** The most a bucket lets through in `elapsedMs`: its burst plus the sustained rate. */
const allowance = (rule: { burst: number; refillMs: number }, elapsedMs: number) =>
  rule.burst + Math.floor(elapsedMs / rule.refillMs) + 1;

describe("student event rate limits", () => {
  it("a cell:check flood is refused beyond the sustained rate; the stored attempt count is what was acked", async () => {
    const { joined, socket } = await joinedStudent("Flood");
    const startedAt = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => socket.emitWithAck("cell:check", { cell: 1, isPassed: false, error: "x" })),
    );
    const elapsedMs = Date.now() - startedAt;
    const accepted = answers.filter((answer) => answer.ok);
    const refused = answers.filter((answer) => !answer.ok);
    expect(accepted.length).toBeGreaterThanOrEqual(STUDENT_EVENT_RATES.cellCheck.burst);
    expect(accepted.length).toBeLessThanOrEqual(allowance(STUDENT_EVENT_RATES.cellCheck, elapsedMs));
    expect(refused[0]).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    await live.server.persistence.flush();
    const stored = await live.db.cellCheck.findFirstOrThrow({ where: { participantId: joined.participantId } });
    expect(stored.attempts).toBe(accepted.length);
    expect(socket.connected).toBe(true);
  });

  it("progress is held to the documented 4/s sustained, plus a small burst", async () => {
    const { socket } = await joinedStudent("Fast");
    const start = await socket.emitWithAck("run:start", { choice: {} });
    expect(start.ok).toBe(true);
    const refusals: unknown[] = [];
    socket.on("error", (error: unknown) => refusals.push(error));
    const sent = 60;
    const startedAt = Date.now();
    for (let step = 1; step <= sent; step++) {
      socket.emit("progress:update", { runId: start.runId, step, accuracy: 0.5, points: [[step, 0.5]] });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // One acked event after the flood: everything before it has been handled.
    await socket.emitWithAck("cell:check", { cell: 2, isPassed: false });
    const elapsedMs = Date.now() - startedAt;
    const accepted = sent - refusals.length;
    expect(1000 / STUDENT_EVENT_RATES.progress.refillMs).toBe(4);
    expect(accepted).toBeLessThanOrEqual(allowance(STUDENT_EVENT_RATES.progress, elapsedMs));
    expect(accepted).toBeGreaterThanOrEqual(Math.floor(elapsedMs / STUDENT_EVENT_RATES.progress.refillMs) - 1);
    expect(refusals[0]).toMatchObject({ code: "RATE_LIMITED", event: "progress:update" });
  });

  it("run:start and run:finish floods are refused beyond their rates", async () => {
    const { socket } = await joinedStudent("Clicky");
    const starts = await Promise.all(Array.from({ length: 20 }, () => socket.emitWithAck("run:start", { choice: {} })));
    expect(starts.filter((answer) => answer.ok)).toHaveLength(1);
    const finishes = await Promise.all(
      Array.from({ length: 20 }, () =>
        socket.emitWithAck("run:finish", {
          runId: "not-a-run",
          outcome: "diverged",
          step: 0,
          loss: null,
          accuracy: null,
          curve: [],
          map: null,
          weights: null,
        }),
      ),
    );
    const codes = finishes.map((answer) => answer.error?.code);
    expect(codes.filter((code) => code === "STALE_RUN")).toHaveLength(STUDENT_EVENT_RATES.runFinish.burst);
    expect(codes.filter((code) => code === "RATE_LIMITED")).toHaveLength(20 - STUDENT_EVENT_RATES.runFinish.burst);
  });

  it("closes a connection that never authenticates within a few seconds", async () => {
    const url = new URL(live.server.url);
    const raw = new EngineSocket(`ws://${url.host}`, { path: "/socket.io/", transports: ["websocket"] });
    let isOpen = false;
    let closedAt = 0;
    raw.on("open", () => {
      isOpen = true;
    });
    raw.on("close", () => {
      closedAt = Date.now();
    });
    await until(() => isOpen, "the engine.io connection");
    const openedAt = Date.now();
    // No socket.io CONNECT packet (no auth) is ever sent.
    await until(() => closedAt > 0, "the server closing it", UNAUTHENTICATED_SOCKET_TIMEOUT_MS + 3000);
    expect(closedAt - openedAt).toBeLessThanOrEqual(UNAUTHENTICATED_SOCKET_TIMEOUT_MS + 1000);
  });
});
