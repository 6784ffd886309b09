/**
 * A large finished class written straight into the database for the review's performance figures:
 * N students × R runs × P curve points, S map snapshots per run, final maps, weights and cells.
 * createMany in chunks: seconds, not the minutes a real class would take.
 */
import { randomBytes } from "node:crypto";
import { defaultSessionSettings } from "@/lib/classroom/settings";
import { MAP_BYTES } from "@/lib/protocol";
import type { PrismaClient } from "@/server/db/client";
import { createSession } from "@/server/sessions/create-session";
import { startTeacherSession } from "@/server/teachers/start-teacher-session";

export type SeedShape = { students: number; runsPerStudent: number; curvePoints: number; snapshotsPerRun: number };
/** Rows per INSERT: a run row carries a ~25 kB curve, so 100 keep one statement near 3 MB. */
const RUNS_PER_INSERT = 100;
const SNAPSHOTS_PER_INSERT = 1000;
const HIDDEN_CHOICES = [0, 2, 4, 8, 16, 32];
const LR_CHOICES = [0.01, 0.03, 0.1, 0.3, 1, 3];
const RUN_STEPS = 2000;
const RUN_SECONDS = 60;

const id = (prefix: string) => `${prefix}${randomBytes(10).toString("hex")}`;

function curve(points: number, floor: number): [number, number][] {
  return Array.from({ length: points }, (_, i) => {
    const step = Math.round((i * RUN_STEPS) / (points - 1));
    // A plateau, then the drop: roughly what XOR looks like.
    return [step, floor + (Math.LN2 - floor) / (1 + Math.exp((step - 600) / 120))];
  });
}

function map(seed: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(MAP_BYTES);
  for (let i = 0; i < MAP_BYTES; i++) bytes[i] = (i * 7 + seed * 13) % 256;
  return bytes;
}

function weights(hidden: number) {
  const size = Math.max(hidden, 1);
  return {
    w1: Array.from({ length: size }, (_, r) => [Math.sin(r), Math.cos(r)]),
    b1: Array.from({ length: size }, (_, r) => r / 10),
    w2: [Array.from({ length: size }, (_, r) => (r % 2 ? 1 : -1))],
    b2: [0.1],
    activation: hidden === 0 ? "linear" : "relu",
  };
}

/** Seeds the class; returns its id and a signed-in cookie for its teacher. */
export async function seedReviewClass(
  db: PrismaClient,
  shape: SeedShape,
): Promise<{ classId: string; cookie: string }> {
  const teacher = await db.teacher.create({
    data: { email: `perf-${Date.now()}@school.test`, name: "Perf", passwordHash: "x" },
  });
  const { token } = await startTeacherSession(db, teacher.id, 1);
  const settings = defaultSessionSettings();
  const session = await createSession(db, teacher.id, { title: "Review performance", settings });
  const t0 = Date.now() - shape.students * shape.runsPerStudent * 1000;
  const participants = Array.from({ length: shape.students }, (_, i) => ({
    id: id("p"),
    classSessionId: session.id,
    nickname: `Student ${i + 1}`,
    tokenHash: id("h"),
    joinedAt: new Date(t0),
    lastSeenAt: new Date(t0 + 3_600_000),
  }));
  await db.participant.createMany({ data: participants });
  await db.cellCheck.createMany({
    data: participants.flatMap((p, i) =>
      [1, 2, 3].map((cell) => ({
        participantId: p.id,
        cell,
        code: "def relu(x):\n    return max(0, x)\n",
        isPassed: (i + cell) % 3 !== 0,
        attempts: 2,
      })),
    ),
  });
  const runs = participants.flatMap((p, i) =>
    Array.from({ length: shape.runsPerStudent }, (_, r) => {
      const hidden = HIDDEN_CHOICES[(i + r) % HIDDEN_CHOICES.length] ?? 8;
      const lr = LR_CHOICES[(i * 5 + r) % LR_CHOICES.length] ?? 0.3;
      const loss = hidden === 0 ? 0.69 : 0.01 + ((i + r) % 10) / 40;
      const startedAt = new Date(t0 + (i % 60) * 1000 + r * (RUN_SECONDS + 5) * 1000);
      return {
        id: id("r"),
        participantId: p.id,
        classSessionId: session.id,
        config: {
          ...settings.defaults,
          dataset: settings.dataset,
          noise: settings.noise,
          dataSeed: settings.dataSeed,
          hidden,
          lr,
        },
        status: loss < 0.1 ? ("REACHED_TARGET" as const) : ("FINISHED" as const),
        startedAt,
        finishedAt: new Date(startedAt.getTime() + RUN_SECONDS * 1000),
        steps: RUN_STEPS,
        targetReachedStep: loss < 0.1 ? 900 : null,
        reportedLoss: loss,
        reportedAccuracy: loss < 0.1 ? 0.97 : 0.7,
        verifiedLoss: loss,
        verifiedAccuracy: loss < 0.1 ? 0.97 : 0.7,
        curve: curve(shape.curvePoints, loss),
        finalMap: map(i + r),
        weights: weights(hidden),
      };
    }),
  );
  for (let i = 0; i < runs.length; i += RUNS_PER_INSERT)
    await db.run.createMany({ data: runs.slice(i, i + RUNS_PER_INSERT) });
  const snapshots = runs.flatMap((run, i) =>
    Array.from({ length: shape.snapshotsPerRun }, (_, s) => ({
      runId: run.id,
      step: Math.round(((s + 1) * RUN_STEPS) / (shape.snapshotsPerRun + 1)),
      loss: 0.5,
      at: new Date(run.startedAt.getTime() + ((s + 1) * RUN_SECONDS * 1000) / (shape.snapshotsPerRun + 1)),
      map: map(i + s),
    })),
  );
  for (let i = 0; i < snapshots.length; i += SNAPSHOTS_PER_INSERT)
    await db.mapSnapshot.createMany({ data: snapshots.slice(i, i + SNAPSHOTS_PER_INSERT) });
  await db.classSession.update({
    where: { id: session.id },
    data: { status: "ENDED", endedAt: new Date(), isJoinOpen: false },
  });
  return { classId: session.id, cookie: `mlp_teacher=${token}` };
}
