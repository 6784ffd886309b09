/**
 * Review performance (a measurement, not a test): `npm run bench:review`. Seeds a finished class of
 * 300 students × 3 runs × 1,000 curve points with 12 map snapshots per run into a fresh database,
 * then reports the server time of getSessionReview and of the review page (time to the response's
 * last byte, median of several), and the page's weight in Chromium: every response's transfer
 * size, HTML, scripts and styles. The replay frame and a student's detail are measured too: they
 * load on demand, not with the page. Targets: < 1 s server time, < 2 MB page.
 */
import { performance } from "node:perf_hooks";
import { chromium } from "@playwright/test";
import { createPrismaClient } from "@/server/db/client";
import { getReplay } from "@/server/review/get-replay";
import { getSessionReview } from "@/server/review/get-session-review";
import { findChromium } from "../e2e/find-chromium";
import { createMigratedTestDatabase } from "../helpers/db";
import { seedReviewClass } from "./seed-review-class";
import { startServerProcess } from "./server-process";

const SHAPE = { students: 300, runsPerStudent: 3, curvePoints: 1000, snapshotsPerRun: 12 };
/** Not 3000 (npm start) nor 3210 (e2e): the bench runs beside both. */
const PORT = Number(process.env.REVIEW_PERF_PORT ?? 3377);
const REPEATS = 7;
const TARGET_SERVER_MS = 1000;
const TARGET_PAGE_BYTES = 2 * 1024 * 1024;
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? Number.NaN;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;

async function timeFetch(url: string, cookie: string): Promise<{ ms: number; bytes: number; status: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  const body = await response.arrayBuffer();
  return { ms: performance.now() - started, bytes: body.byteLength, status: response.status };
}

async function measure(label: string, url: string, cookie: string): Promise<number> {
  await timeFetch(url, cookie); // warm-up: first render compiles nothing in production, but fills caches
  const runs: { ms: number; bytes: number; status: number }[] = [];
  for (let i = 0; i < REPEATS; i++) runs.push(await timeFetch(url, cookie));
  if (runs.some((run) => run.status !== 200))
    throw new Error(`${label}: HTTP ${runs.map((run) => run.status).join(",")}`);
  const ms = median(runs.map((run) => run.ms));
  console.log(
    `${label.padEnd(34)} median ${ms.toFixed(0).padStart(5)} ms (min ${Math.min(...runs.map((r) => r.ms)).toFixed(0)}, max ${Math.max(...runs.map((r) => r.ms)).toFixed(0)}), ${kb(runs[0]?.bytes ?? 0)} uncompressed`,
  );
  return ms;
}

async function pageWeight(url: string, cookie: string, base: string) {
  const executablePath = await findChromium();
  if (!executablePath) throw new Error("No Chromium found: apt-get install chromium, or set CHROMIUM_PATH");
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext();
    const [name, value] = cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    const responses: Promise<{ type: string; bytes: number; decoded: number }>[] = [];
    page.on("requestfinished", (request) => {
      const measured = async () => {
        const sizes = await request.sizes();
        const body = await (await request.response())?.body().catch(() => null);
        // Transfer size (headers + body as sent, compressed when the server compressed it) and the decoded body.
        return {
          type: request.resourceType(),
          bytes: sizes.responseBodySize + sizes.responseHeadersSize,
          decoded: body?.byteLength ?? 0,
        };
      };
      responses.push(measured());
    });
    await page.goto(url, { waitUntil: "networkidle" });
    const all = await Promise.all(responses);
    const byType = new Map<string, number>();
    for (const response of all) byType.set(response.type, (byType.get(response.type) ?? 0) + response.bytes);
    return {
      total: all.reduce((sum, r) => sum + r.bytes, 0),
      decoded: all.reduce((sum, r) => sum + r.decoded, 0),
      requests: all.length,
      byType,
    };
  } finally {
    await browser.close();
  }
}

const database = await createMigratedTestDatabase();
const db = createPrismaClient(database.url);
let server: Awaited<ReturnType<typeof startServerProcess>> | null = null;
try {
  const seedStarted = performance.now();
  const { classId, cookie } = await seedReviewClass(db, SHAPE);
  console.log(
    `Seeded ${SHAPE.students} students × ${SHAPE.runsPerStudent} runs × ${SHAPE.curvePoints} points, ${SHAPE.snapshotsPerRun} snapshots/run in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s (${database.kind})`,
  );
  const teacherId = (await db.classSession.findUniqueOrThrow({ where: { id: classId } })).teacherId;
  const queryTimes: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    await getSessionReview(db, teacherId, classId);
    queryTimes.push(performance.now() - started);
  }
  console.log(`${"getSessionReview (in process)".padEnd(34)} median ${median(queryTimes).toFixed(0).padStart(5)} ms`);
  const replayTimes: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    await getReplay(db, teacherId, classId);
    replayTimes.push(performance.now() - started);
  }
  console.log(`${"getReplay (in process)".padEnd(34)} median ${median(replayTimes).toFixed(0).padStart(5)} ms`);

  server = await startServerProcess({ port: PORT, databaseUrl: database.url });
  const base = server.url;
  const review = `${base}/teacher/sessions/${classId}/review`;
  const pageMs = await measure("review page (HTML)", review, cookie);
  await measure("replay frame (end of class)", `${review}/replay`, cookie);
  const participant = await db.participant.findFirstOrThrow({ where: { classSessionId: classId } });
  await measure("one student's detail", `${review}/participants/${participant.id}`, cookie);
  await measure("participants CSV", `${review}/export/participants.csv`, cookie);
  const weight = await pageWeight(review, cookie, base);
  console.log(
    `page weight in Chromium: ${kb(weight.total)} transferred, ${kb(weight.decoded)} decoded, over ${weight.requests} requests (${[...weight.byType].map(([type, bytes]) => `${type} ${kb(bytes)}`).join(", ")})`,
  );
  console.log(
    `targets: server time ${pageMs.toFixed(0)} ms ${pageMs < TARGET_SERVER_MS ? "<" : "≥"} 1 s ${pageMs < TARGET_SERVER_MS ? "✓" : "✗"}; page ${kb(weight.total)} ${weight.total < TARGET_PAGE_BYTES ? "< 2 MB ✓" : "≥ 2 MB ✗"}`,
  );
} finally {
  await server?.stop();
  await db.$disconnect();
  await database.drop();
}
