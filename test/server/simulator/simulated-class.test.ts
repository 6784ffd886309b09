/**
 * Three bots against the real realtime server (socket.io + attachRealtime + PostgreSQL), joined
 * over real HTTP: they train with lib/training, the teacher's frames show their steps and maps,
 * and they obey pause, start, reset, remove and end.
 */
import type { Server } from "node:http";
import type { Socket as ClientSocket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSessionSettings } from "@/lib/classroom/settings";
import { type ParticipantDelta, teacherFrameSchema, teacherSnapshotSchema } from "@/lib/protocol";
import type { BotEvent } from "@/server/simulator/bot-events";
import { type SimulatedClass, startSimulatedClass } from "@/server/simulator/run-simulated-class";
import { createTeacherWithClass, joinStudent, teacherAuth, until, useRealtimeServer } from "../../helpers/realtime";
import { addJoinRoute } from "./join-route";

/** Short runs so a bot finishes one in about a second at the default pace. */
const RUN_STEPS = 300;
/** Generous: three bots, a database and vitest share two cores. */
const WAIT_MS = 30_000;

const live = useRealtimeServer();
let simulated: SimulatedClass | null = null;

beforeAll(async () => {
  addJoinRoute(live.server.io.httpServer as Server, live.db);
});

afterAll(async () => {
  simulated?.stop();
});

/** The teacher's view: tiles by participant id, updated from the snapshot and every frame. */
function watchTiles(teacher: ClientSocket): Map<string, ParticipantDelta> {
  const tiles = new Map<string, ParticipantDelta>();
  const apply = (deltas: ParticipantDelta[]) => {
    for (const delta of deltas) {
      if (delta.isRemoved) tiles.delete(delta.id);
      else tiles.set(delta.id, { ...tiles.get(delta.id), ...delta });
    }
  };
  teacher.on("teacher:snapshot", (raw: unknown) => apply(teacherSnapshotSchema.parse(raw).participants));
  teacher.on("teacher:frame", (raw: unknown) => apply(teacherFrameSchema.parse(raw).participants));
  return tiles;
}

describe.each([
  { training: "own", sharedTraining: false },
  { training: "shared", sharedTraining: true },
])("simulated class against the realtime server ($training training)", ({ sharedTraining }) => {
  it("joins, trains, streams to the teacher and obeys every class control", async () => {
    const owner = await createTeacherWithClass(live.db);
    const settings = defaultSessionSettings();
    await live.db.classSession.update({
      where: { id: owner.classId },
      data: { settings: { ...settings, defaults: { ...settings.defaults, steps: RUN_STEPS } } },
    });
    // A human got there first: Bot 2 must take the server's suggestion.
    await joinStudent(live.db, owner.joinCode, "Bot 2");
    const teacherConnection = await live.server.open(teacherAuth(owner.classId), owner.cookie);
    expect(teacherConnection.error).toBeNull();
    const tiles = watchTiles(teacherConnection.socket);

    const events: BotEvent[] = [];
    const args = {
      url: live.server.url,
      code: owner.joinCode,
      students: 3,
      speed: "default",
      varySeeds: true,
      sharedTraining,
      first: 1,
      name: "Bot",
      statusEvery: 5,
    } as const;
    simulated?.stop();
    const current = startSimulatedClass(args, { onEvent: (_bot, event) => events.push(event) });
    simulated = current;
    await current.joined;
    const nicknames = current.bots.map((bot) => bot.participant?.nickname);
    expect(nicknames).toEqual(["Bot 1", "Bot 2 2", "Bot 3"]);
    const ids = current.bots.map((bot) => bot.participant?.participantId ?? "");

    // Streaming: every bot's tile shows steps and a decision map; every bot finishes a run (acked).
    await until(
      () => ids.every((id) => (tiles.get(id)?.step ?? 0) > 0 && tiles.get(id)?.map),
      "three live tiles",
      WAIT_MS,
    );
    await until(
      () => events.filter((event) => event.type === "runFinished").length >= 3,
      "three finished runs",
      WAIT_MS,
    );
    // A volatile progress update may arrive early on a busy machine and be dropped by the server's
    // rate limit; that costs nothing (run:finish carries the curve). Anything else is a bug.
    const refused = events.filter(
      (event) => event.type === "refused" && !(event.event === "progress:update" && event.code === "RATE_LIMITED"),
    );
    expect(refused).toEqual([]);
    const finished = events.flatMap((event) => (event.type === "runFinished" ? [event] : []));
    expect(finished.every((event) => event.step === RUN_STEPS && event.outcome === "completed")).toBe(true);

    // Pause all: every bot stops training and stays stopped; start all resumes them.
    const teacher = teacherConnection.socket;
    expect(await teacher.emitWithAck("class:control", { type: "pauseAll" })).toEqual({ ok: true });
    await until(
      () => current.bots.every((bot) => bot.status.isPaused && !bot.status.isTraining),
      "every bot paused",
      WAIT_MS,
    );
    const startedBefore = events.filter((event) => event.type === "runStarted").length;
    expect(await teacher.emitWithAck("class:control", { type: "startAll" })).toEqual({ ok: true });
    await until(
      () => current.bots.every((bot) => !bot.status.isPaused && bot.status.isTraining),
      "every bot training again",
      WAIT_MS,
    );

    // Reset all: every bot drops its run and starts a new one.
    const runsBefore = current.bots.map((bot) => bot.status.runId);
    expect(await teacher.emitWithAck("class:control", { type: "resetAll" })).toEqual({ ok: true });
    await until(
      () => current.bots.every((bot, i) => bot.status.runId !== null && bot.status.runId !== runsBefore[i]),
      "new runs after the reset",
      WAIT_MS,
    );
    expect(events.filter((event) => event.type === "runStarted").length).toBeGreaterThan(startedBefore);

    // Remove one bot; end the session for the others.
    expect(await teacher.emitWithAck("class:control", { type: "remove", participantId: ids[0] })).toEqual({ ok: true });
    await until(() => current.bots[0]?.status.isStopped === true, "the removed bot stopped", WAIT_MS);
    expect(events).toContainEqual({ type: "stopped", reason: "removed", wasConnected: true });
    expect(await teacher.emitWithAck("class:control", { type: "end" })).toEqual({ ok: true });
    await until(() => current.bots.every((bot) => bot.status.isStopped), "every bot stopped", WAIT_MS);
    expect(events.filter((event) => event.type === "stopped" && event.reason === "ended")).toHaveLength(2);
  });
});
