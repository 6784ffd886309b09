/**
 * Property-based fuzz of the socket boundary (issue 11 "Must show"): sequences of fuzzed
 * client→server events, every event name and every string field, from one hostile student, with
 * an honest student's acked cell check beside each event. Asserted over real sockets and
 * PostgreSQL: the server answers every known event; the tables change only by what the accepted
 * (acked ok) events imply, and those were valid by the protocol's own schemas; every acked write
 * of the honest student is stored; the connection survives.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CLASS_CONTROL,
  cellCheckSchema,
  classControlSchema,
  progressResumeSchema,
  progressUpdateSchema,
  runFinishSchema,
  runStartSchema,
  STUDENT_EVENTS,
  TEACHER_EVENTS,
  teacherResyncSchema,
} from "@/lib/protocol";
import type { z } from "@/lib/zod";
import { createTeacherWithClass, joinStudent, studentAuth, useRealtimeServer } from "../../helpers/realtime";

const live = useRealtimeServer();

/** Fixed, so a failure replays exactly; runs × events bound the test's time on 2 cores. */
const FUZZ_SEED = 20_261_202;
const FUZZ_RUNS = 12;
const MAX_EVENTS_PER_RUN = 12;
/** A valid progress update is not answered: wait this long before counting it as silent. */
const SILENT_EVENT_WAIT_MS = 150;

/** Strings PostgreSQL cannot store, ordinary ones, and anything the full code-point range gives. */
const fuzzString = fc.oneof(
  fc.constantFrom("\u0000", "a\u0000b", "\uD800", "x\uDFFF", "\uDE00\uD83D", "", "ok"),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ maxLength: 10 }),
);
const fuzzNumber = fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double(), fc.constant(Number.NaN));
const anyValue = fc.oneof(fuzzString, fuzzNumber, fc.boolean(), fc.constant(null), fc.anything({ maxDepth: 2 }));

const SCHEMAS: Record<string, z.ZodType> = {
  [STUDENT_EVENTS.cellCheck]: cellCheckSchema,
  [STUDENT_EVENTS.runStart]: runStartSchema,
  [STUDENT_EVENTS.runFinish]: runFinishSchema,
  [STUDENT_EVENTS.progressUpdate]: progressUpdateSchema,
  [STUDENT_EVENTS.progressResume]: progressResumeSchema,
  [TEACHER_EVENTS.classControl]: classControlSchema,
  [TEACHER_EVENTS.teacherResync]: teacherResyncSchema,
};

/** One fuzzed event: each known event with its fields fuzzed (strings above all), or garbage. */
const fuzzEvent = fc.oneof(
  fc.record({
    event: fc.constant(STUDENT_EVENTS.cellCheck),
    payload: fc.record(
      {
        cell: fc.oneof(fc.integer({ min: 0, max: 4 }), anyValue),
        isPassed: fc.boolean(),
        error: fuzzString,
        code: fuzzString,
      },
      { requiredKeys: ["cell", "isPassed"] },
    ),
  }),
  fc.record({
    event: fc.constant(STUDENT_EVENTS.runStart),
    payload: fc.oneof(
      fc.record({ choice: fc.dictionary(fuzzString, anyValue, { maxKeys: 3 }) }),
      fc.constant({ choice: {} }),
      anyValue,
    ),
  }),
  fc.record({
    event: fc.constant(STUDENT_EVENTS.runFinish),
    payload: fc.record({
      runId: fuzzString,
      outcome: fc.oneof(fc.constantFrom("completed", "diverged", "stopped"), fuzzString),
      step: fuzzNumber,
      loss: fc.oneof(fuzzNumber, fc.constant(null)),
      accuracy: fc.oneof(fuzzNumber, fc.constant(null)),
      curve: fc.array(fc.tuple(fuzzNumber, fuzzNumber), { maxLength: 3 }),
      map: fc.constant(null),
      weights: fc.constant(null),
    }),
  }),
  fc.record({
    event: fc.constant(STUDENT_EVENTS.progressUpdate),
    payload: fc.record({
      runId: fuzzString,
      step: fuzzNumber,
      accuracy: fuzzNumber,
      points: fc.array(fc.tuple(fuzzNumber, fuzzNumber), { maxLength: 3 }),
    }),
  }),
  fc.record({
    event: fc.constant(STUDENT_EVENTS.progressResume),
    payload: fc.record({
      runId: fuzzString,
      step: fuzzNumber,
      accuracy: fc.oneof(fuzzNumber, fc.constant(null)),
      curve: fc.array(fc.tuple(fuzzNumber, fuzzNumber), { maxLength: 3 }),
      map: fc.constant(null),
    }),
  }),
  fc.record({
    event: fc.constant(TEACHER_EVENTS.classControl),
    payload: fc.record({
      type: fc.oneof(fc.constantFrom(...Object.values(CLASS_CONTROL)), fuzzString),
      participantId: fuzzString,
      isAnonymized: fc.boolean(),
    }),
  }),
  fc.record({ event: fc.constant(TEACHER_EVENTS.teacherResync), payload: anyValue }),
  fc.record({ event: fuzzString, payload: anyValue }),
);

type Answer = { ok: boolean; error?: { code: string } } | "silent";

describe("fuzzed client→server events over real sockets", () => {
  it("answers every event, stores only what accepted events imply, and keeps every honest acked write", async () => {
    const owner = await createTeacherWithClass(live.db);
    const mallory = await joinStudent(live.db, owner.joinCode, "Mallory");
    const grace = await joinStudent(live.db, owner.joinCode, "Grace");
    const hostile = (await live.server.open(studentAuth(mallory.token))).socket;
    const honest = (await live.server.open(studentAuth(grace.token))).socket;
    const sessionBefore = await live.db.classSession.findUniqueOrThrow({ where: { id: owner.classId } });
    const participantsBefore = await live.db.participant.count();

    const acceptedCells = new Set<number>();
    let acceptedRunStarts = 0;
    let honestAcked = 0;
    let eventsSent = 0;

    await fc.assert(
      fc.asyncProperty(fc.array(fuzzEvent, { minLength: 1, maxLength: MAX_EVENTS_PER_RUN }), async (events) => {
        for (const { event, payload } of events) {
          eventsSent += 1;
          const isKnown = event in SCHEMAS;
          const isValid = isKnown && (SCHEMAS[event]?.safeParse(payload).success ?? false);
          const answer: Answer = await hostile
            .timeout(isKnown && !(event === STUDENT_EVENTS.progressUpdate && isValid) ? 5000 : SILENT_EVENT_WAIT_MS)
            .emitWithAck(event, payload)
            .catch(() => "silent" as const);
          if (isKnown && !(event === STUDENT_EVENTS.progressUpdate && isValid)) {
            expect(answer, `${event} ${JSON.stringify(payload)}`).not.toBe("silent");
          }
          if (answer !== "silent" && answer.ok) {
            // Only what the protocol's schema accepts is ever accepted.
            expect(isValid, `${event} accepted but invalid`).toBe(true);
            if (event === STUDENT_EVENTS.cellCheck) acceptedCells.add((payload as { cell: number }).cell);
            if (event === STUDENT_EVENTS.runStart) acceptedRunStarts += 1;
          }
          // The honest student's check, sent alongside; paced so its own limit never refuses it.
          const honestAnswer = await honest.emitWithAck("cell:check", { cell: 1, isPassed: false, error: "nope" });
          if (honestAnswer.ok) honestAcked += 1;
        }
        expect(hostile.connected).toBe(true);
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, endOnFailure: true },
    );

    await live.server.persistence.flush();
    expect(eventsSent).toBeGreaterThan(FUZZ_RUNS);
    const hostileCells = await live.db.cellCheck.findMany({ where: { participantId: mallory.participantId } });
    expect(new Set(hostileCells.map((row) => row.cell))).toEqual(acceptedCells);
    expect(await live.db.run.count({ where: { participantId: mallory.participantId } })).toBe(acceptedRunStarts);
    // A student's class controls were all refused: the class is as it was.
    const sessionAfter = await live.db.classSession.findUniqueOrThrow({ where: { id: owner.classId } });
    expect({ ...sessionAfter, updatedAt: null }).toEqual({ ...sessionBefore, updatedAt: null });
    expect(await live.db.participant.count()).toBe(participantsBefore);
    // Every honest acked check counted and stored.
    const honestRow = await live.db.cellCheck.findFirstOrThrow({
      where: { participantId: grace.participantId, cell: 1 },
    });
    expect(honestAcked).toBeGreaterThan(0);
    expect(honestRow.attempts).toBe(honestAcked);
  });
});
