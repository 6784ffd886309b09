/**
 * A bot survives a server restart: the realtime server goes away mid-run (its reconnect attempts
 * meet a refused connection) and comes back on the same address; the bot reconnects by itself,
 * keeps its participant and run, goes on training, and re-sends its whole curve (progress:resume),
 * so the restarted server's tile has the steps it never saw. Real socket.io, real PostgreSQL.
 */
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { RECONNECT_DELAY_MAX_MS, RECONNECT_DELAY_MS, RECONNECT_RANDOMIZATION } from "@/lib/protocol";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { type Bot, createBot } from "@/server/simulator/bot";
import type { BotEvent } from "@/server/simulator/bot-events";
import { createMigratedTestDatabase, type TestDatabase } from "../../helpers/db";
import {
  createTeacherWithClass,
  joinStudent,
  type RealtimeTestServer,
  startRealtimeTestServer,
  until,
} from "../../helpers/realtime";

/** Long enough for several refused reconnect attempts while the server is down. */
const DOWNTIME_MS = 3 * RECONNECT_DELAY_MS * (1 + RECONNECT_RANDOMIZATION);
/** Back within the 5 s of the server answering; the backoff's worst case is 3 s. */
const BACK_WITHIN_MS = 5_000;

let database: TestDatabase;
let db: PrismaClient;
let server: RealtimeTestServer | null = null;
let bot: Bot | null = null;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  db = createPrismaClient(database.url);
});

afterAll(async () => {
  bot?.stop();
  await server?.close();
  await db.$disconnect();
  await database.drop();
});

it("reconnects after a server restart and keeps its participant and run", async () => {
  expect(RECONNECT_DELAY_MAX_MS * (1 + RECONNECT_RANDOMIZATION)).toBeLessThanOrEqual(BACK_WITHIN_MS);
  server = await startRealtimeTestServer(db);
  const port = (server.io.httpServer.address() as AddressInfo).port;
  const owner = await createTeacherWithClass(db);
  const events: BotEvent[] = [];
  bot = createBot({
    url: server.url,
    code: owner.joinCode,
    nickname: "Bot 1",
    speed: "slow",
    onEvent: (event) => events.push(event),
    join: async (_url, code, nickname) => {
      const joined = await joinStudent(db, code, nickname);
      return { classId: joined.classId, participantId: joined.participantId, token: joined.token, nickname };
    },
  });
  await bot.start();
  await until(() => bot?.status.runId !== null, "the first run");
  const runId = bot.status.runId;
  const participantId = bot.participant?.participantId;

  // The run row must exist for the restarted server to restore it (the writer's batch).
  await server.persistence.flush();
  const stepAtStop = bot.status.step;
  await server.close();
  server = null;
  await until(() => events.some((event) => event.type === "disconnected"), "the bot to see the server go");
  await new Promise((resolve) => setTimeout(resolve, DOWNTIME_MS));
  expect(bot.status.isStopped).toBe(false);

  server = await startRealtimeTestServer(db, { port });
  const answeredAt = Date.now();
  const restarted = server;
  await until(
    () => restarted.realtime.hub.socketCount(owner.classId) === 1,
    "the bot to reconnect to the restarted server",
    BACK_WITHIN_MS,
  );
  expect(Date.now() - answeredAt).toBeLessThanOrEqual(BACK_WITHIN_MS);
  expect(events.some((event) => event.type === "reconnected")).toBe(true);
  expect(bot.status.isStopped).toBe(false);
  expect(bot.participant?.participantId).toBe(participantId);
  // Same run, still training on the restarted server (no new run:start).
  expect(bot.status.runId).toBe(runId);
  const room = restarted.realtime.hub.getRoom(owner.classId);
  expect(room?.snapshotForStudent(participantId ?? "")?.run?.runId).toBe(runId);
  // The resumed curve: from step 0, through the steps trained before the stop and while down.
  await until(() => events.some((event) => event.type === "resumed"), "the bot's progress:resume");
  const tile = room?.snapshotForTeacher().participants.find((p) => p.id === participantId);
  expect(tile?.points[0]?.[0]).toBe(0);
  expect(tile?.points.at(-1)?.[0]).toBeGreaterThanOrEqual(stepAtStop);
});
