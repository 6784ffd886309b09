/**
 * An ack means durable, through a database outage (issue 12 item 2). The server talks to the
 * machine's PostgreSQL through a TCP proxy that the test cuts for ~15 s mid-class and restores.
 * Students and the teacher behave like the pages: a write not answered `{ ok: true }` is kept and
 * sent again until it is. Afterwards every write that was ever acked ok — run starts, finishes,
 * cell checks, class controls — is in PostgreSQL; during the cut nothing is acked ok, the
 * writer reports the database down with a backlog, and the process keeps serving.
 */
import { describe, expect, it } from "vitest";
import type { RunStartResult } from "@/lib/protocol";
import { readHealth, readinessStatus } from "@/server/http/read-health";
import {
  createTeacherWithClass,
  joinStudent,
  type RealtimeTestServer,
  studentAuth,
  teacherAuth,
  until,
  useProxiedRealtimeServer,
} from "../helpers/realtime";
import { trainedFinish } from "../helpers/trained-run";

/** Long enough for every ack deadline (4 s) and several retries with backoff to pass inside it. */
const OUTAGE_MS = 15_000;
/** Like the student page: an unanswered or refused-for-now write is sent again this often. */
const RESEND_MS = 1000;

type Ack = { ok: boolean; error?: { code: string } } & Record<string, unknown>;
type Client = Awaited<ReturnType<RealtimeTestServer["open"]>>["socket"];

const live = useProxiedRealtimeServer();

/** Every answer a client got, in order, by what it sent. */
const answers: { what: string; ack: Ack; at: number }[] = [];

/** Sends until acked ok, like the pages; resolves with the ok ack. */
async function sendUntilOk(what: string, socket: Client, event: string, payload: unknown): Promise<Ack> {
  for (;;) {
    let ack: Ack;
    try {
      ack = (await socket.timeout(6000).emitWithAck(event, payload)) as Ack;
    } catch {
      ack = { ok: false, error: { code: "TIMEOUT" } };
    }
    answers.push({ what, ack, at: Date.now() });
    if (ack.ok) return ack;
    // Not stored yet, or resent faster than the student limits allow: both mean "send it again".
    expect(["STORAGE_UNAVAILABLE", "TIMEOUT", "RATE_LIMITED"]).toContain(ack.error?.code);
    await new Promise((resolve) => setTimeout(resolve, RESEND_MS));
  }
}

describe("a 15 s database outage mid-class", () => {
  it("loses nothing that was acked: run starts, finishes, cell checks and controls", async () => {
    const owner = await createTeacherWithClass(live.direct);
    const teacher = await live.server.open(teacherAuth(owner.classId), owner.cookie);
    expect(teacher.error).toBeNull();
    const students = [];
    for (const nickname of ["Ada", "Bob", "Cy", "Dee"]) {
      const joined = await joinStudent(live.direct, owner.joinCode, nickname);
      const opened = await live.server.open(studentAuth(joined.token));
      expect(opened.error).toBeNull();
      students.push({ ...joined, socket: opened.socket });
    }
    const [ada, bob, cy, dee] = students as [(typeof students)[number], ...typeof students];
    if (!bob || !cy || !dee) throw new Error("four students");

    // Before the cut: every student's run starts and is acked, so durable.
    const starts = new Map<string, { ok: true } & RunStartResult>();
    for (const student of students) {
      const ack = (await sendUntilOk(`start ${student.participantId}`, student.socket, "run:start", {
        choice: {},
      })) as unknown as { ok: true } & RunStartResult;
      starts.set(student.participantId, ack);
    }
    const adaRun = starts.get(ada.participantId);
    const bobRun = starts.get(bob.participantId);
    if (!adaRun || !bobRun) throw new Error("runs started");
    expect(await live.direct.run.count({ where: { classSessionId: owner.classId } })).toBe(4);

    const health = () => readHealth(live.proxied, "postgres", () => live.server.persistence.status());
    expect(await health()).toMatchObject({ status: "ok", database: { status: "up" }, writer: { backlogRows: 0 } });

    await live.proxy.cut();
    const cutAt = Date.now();
    // Mid-outage: finishes, a cell check, a new run and two controls, all sent and resent until acked.
    const adaFinish = trainedFinish(adaRun.runId, adaRun.config, 60);
    const bobFinish = trainedFinish(bobRun.runId, bobRun.config, 40);
    const work = [
      sendUntilOk("finish ada", ada.socket, "run:finish", adaFinish),
      sendUntilOk("finish bob", bob.socket, "run:finish", bobFinish),
      sendUntilOk("cell cy", cy.socket, "cell:check", { cell: 1, isPassed: true, code: "def linear(x): ..." }),
      sendUntilOk("restart dee", dee.socket, "run:start", { choice: {} }),
      sendUntilOk("anonymize", teacher.socket, "class:control", { type: "anonymize", isAnonymized: true }),
      sendUntilOk("close joining", teacher.socket, "class:control", { type: "closeJoining" }),
    ];
    await until(() => live.server.persistence.status().isDatabaseUp === false, "the writer sees the outage", 10_000);
    expect(live.server.persistence.status().backlogRows).toBeGreaterThan(0);
    // Health answers (the route sends it with 200) and says why; readiness says 503.
    const during = await health();
    expect(during).toMatchObject({ status: "degraded", database: { status: "down" }, writer: { isDatabaseUp: false } });
    expect(during.writer?.backlogRows).toBeGreaterThan(0);
    expect(during.database.latencyMs).toBeLessThan(1500);
    expect(readinessStatus(during)).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - cutAt))));
    const restoredAt = Date.now();
    // Nothing was acked ok while the database was away, and the process kept answering.
    const duringCut = answers.filter((a) => a.at >= cutAt && a.at < restoredAt);
    expect(duringCut.filter((a) => a.ack.ok)).toEqual([]);
    expect(duringCut.filter((a) => a.ack.error?.code === "STORAGE_UNAVAILABLE").length).toBeGreaterThanOrEqual(6);

    await live.proxy.restore();
    const [, , , restart] = await Promise.all(work);
    // Everything acked within a few seconds of the database coming back (backoff ≤ 4 s).
    expect(Date.now() - restoredAt).toBeLessThan(10_000);
    await until(() => live.server.persistence.status().backlogRows === 0, "the backlog drained", 10_000);

    const after = await health();
    expect(after).toMatchObject({ status: "ok", writer: { isDatabaseUp: true, backlogRows: 0 } });
    expect(readinessStatus(after)).toBe(200);

    const runs = await live.direct.run.findMany({ where: { classSessionId: owner.classId } });
    const byId = new Map(runs.map((run) => [run.id, run]));
    for (const start of starts.values()) expect(byId.has(start.runId)).toBe(true);
    expect(byId.has(String(restart?.runId))).toBe(true);
    expect(byId.get(adaRun.runId)).toMatchObject({ steps: 60, curve: adaFinish.curve });
    expect(byId.get(bobRun.runId)).toMatchObject({ steps: 40, curve: bobFinish.curve });
    expect(byId.get(adaRun.runId)?.status).not.toBe("TRAINING");
    const cell = await live.direct.cellCheck.findUnique({
      where: { participantId_cell: { participantId: cy.participantId, cell: 1 } },
    });
    expect(cell).toMatchObject({ isPassed: true, code: "def linear(x): ..." });
    const session = await live.direct.classSession.findUniqueOrThrow({ where: { id: owner.classId } });
    expect(session).toMatchObject({ isAnonymized: true, isJoinOpen: false });
    // The server logged the outage (and nothing it could not recover from).
    const logged = live.server.logs.splice(0);
    expect(logged.some((line) => line.includes("database unavailable"))).toBe(true);
    expect(logged.filter((line) => line.includes("refused"))).toEqual([]);
  });
});
