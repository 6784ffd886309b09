/**
 * A resent run:start never makes a second run, a resent cell:check is counted once (issue 12,
 * the student client's part). Real
 * socket.io, real PostgreSQL behind a TCP proxy: while the database is cut, the first start's ack
 * waits for its commit, socket.io's own `ackTimeout`/`retries` resend the same packet, and every
 * resend (same request id) is answered with the same run; one Run row is stored. After a server
 * restart the same request id still gets that run (Run.startRequestId), a new one a new run.
 */

import { io } from "socket.io-client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Ack, RECONNECT_OPTIONS, type RunStartResult } from "@/lib/protocol";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { RUN_START_MIN_INTERVAL_MS } from "@/server/realtime/room-runs";
import { createMigratedTestDatabase, type TestDatabase } from "../../helpers/db";
import {
  createTeacherWithClass,
  joinStudent,
  type RealtimeTestServer,
  startRealtimeTestServer,
  studentAuth,
} from "../../helpers/realtime";
import { startTcpProxy, type TcpProxy } from "../../helpers/tcp-proxy";

/** Longer than run:start's rate limit: without the request id each resend would start a run. */
const ACK_TIMEOUT_MS = RUN_START_MIN_INTERVAL_MS + 200;
/** A few resends go out during the cut, well inside the writer's 4 s ack deadline. */
const CUT_MS = 3 * ACK_TIMEOUT_MS;

let database: TestDatabase;
let direct: PrismaClient;
let proxied: PrismaClient;
let proxy: TcpProxy;
let server: RealtimeTestServer | null = null;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  const target = new URL(database.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  direct = createPrismaClient(database.url);
  proxied = createPrismaClient(proxy.urlFor(database.url));
});

afterAll(async () => {
  await server?.close();
  await proxied?.$disconnect();
  await direct?.$disconnect();
  await proxy?.close();
  await database?.drop();
});

/** A student socket as the page makes it: socket.io's own ack timeout and retries. */
async function connect(url: string, token: string) {
  const socket = io(url, {
    auth: studentAuth(token),
    transports: ["websocket"],
    ackTimeout: ACK_TIMEOUT_MS,
    retries: 20,
    ...RECONNECT_OPTIONS,
  });
  let sentStarts = 0;
  let sentChecks = 0;
  socket.onAnyOutgoing((event) => {
    if (event === "run:start") sentStarts++;
    if (event === "cell:check") sentChecks++;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return {
    socket,
    get sentStarts() {
      return sentStarts;
    },
    get sentChecks() {
      return sentChecks;
    },
    check: (checkId: string) =>
      socket.emitWithAck("cell:check", { cell: 1, isPassed: false, error: "shape", checkId }) as Promise<
        Ack<{ result: { attempts: number } }>
      >,
    start: (requestId: string) =>
      socket.emitWithAck("run:start", { choice: {}, requestId }) as Promise<Ack<RunStartResult>>,
  };
}

it("answers every resend of a start with the one run it started, across a database cut and a restart", async () => {
  server = await startRealtimeTestServer(proxied, { isAutoFlushOn: true });
  const owner = await createTeacherWithClass(direct);
  const ada = await joinStudent(direct, owner.joinCode, "Ada");
  const student = await connect(server.url, ada.token);

  await proxy.cut();
  const started = student.start("start-1");
  await new Promise((resolve) => setTimeout(resolve, CUT_MS));
  await proxy.restore();
  const answer = await started;
  expect(answer.ok).toBe(true);
  if (!answer.ok) return;
  // socket.io did resend the packet (its ack waited for the commit), and the server saw the repeats.
  expect(student.sentStarts).toBeGreaterThanOrEqual(3);
  await server.persistence.flush();
  const runs = await direct.run.findMany({ where: { participantId: ada.participantId } });
  expect(runs.map((run) => ({ id: run.id, status: run.status, startRequestId: run.startRequestId }))).toEqual([
    { id: answer.runId, status: "TRAINING", startRequestId: "start-1" },
  ]);

  // A restart: the start resent to the new process is answered with the same, stored run.
  student.socket.disconnect();
  await server.close();
  server = await startRealtimeTestServer(proxied, { isAutoFlushOn: true });
  const back = await connect(server.url, ada.token);
  const again = await back.start("start-1");
  expect(again).toMatchObject({ ok: true, runId: answer.runId, generation: answer.generation });
  // A new request is a new run, replacing the first.
  const fresh = await back.start("start-2");
  expect(fresh.ok).toBe(true);
  if (!fresh.ok) return;
  expect(fresh.runId).not.toBe(answer.runId);
  await server.persistence.flush();
  const after = await direct.run.findMany({
    where: { participantId: ada.participantId },
    orderBy: { startedAt: "asc" },
  });
  expect(after.map((run) => [run.id, run.status])).toEqual([
    [answer.runId, "ABORTED"],
    [fresh.runId, "TRAINING"],
  ]);
  back.socket.disconnect();
});

it("counts a cell check resent across a database cut once", async () => {
  await server?.close();
  server = await startRealtimeTestServer(proxied, { isAutoFlushOn: true });
  const owner = await createTeacherWithClass(direct);
  const bob = await joinStudent(direct, owner.joinCode, "Bob");
  const student = await connect(server.url, bob.token);
  await proxy.cut();
  const checked = student.check("check-1");
  await new Promise((resolve) => setTimeout(resolve, CUT_MS));
  await proxy.restore();
  expect(await checked).toMatchObject({ ok: true, result: { attempts: 1 } });
  expect(student.sentChecks).toBeGreaterThanOrEqual(3);
  await server.persistence.flush();
  const stored = await direct.cellCheck.findFirstOrThrow({ where: { participantId: bob.participantId } });
  expect(stored.attempts).toBe(1);
  // The next check is a new attempt.
  expect(await student.check("check-2")).toMatchObject({ ok: true, result: { attempts: 2 } });
  student.socket.disconnect();
});
