/**
 * The attention flags on crafted students: each flag at its threshold's edges, the lesson's designed
 * plateau not flagged, and the seen marks (hidden while seen, back when worse or after clearing).
 */
import { describe, expect, it } from "vitest";
import type { AttentionKind } from "@/lib/classroom/attention";
import {
  ATTENTION_KIND,
  type AttentionInput,
  attentionFlags,
  attentionRank,
  CHANCE_ACCURACY_BAND,
  CHANCE_FLAG_STEPS,
  DEAD_UNITS_FLAG_SHARE,
  designedPlateauUntilStep,
  flatTailSteps,
  IDLE_FLAG_MINUTES,
  keepSeenMarks,
  markSeen,
  needsAttention,
  OFFLINE_FLAG_SECONDS,
  PLATEAU_FLAG_STEPS,
  PLATEAU_FLAG_TOLERANCE,
  STUCK_CELL_ATTEMPTS,
  STUCK_CELL_MINUTES,
  visibleFlags,
  worstFlags,
} from "@/lib/classroom/attention";
import { type CurveArrays, type LossPoint, toArrays } from "@/lib/curve";
import { XOR_PLATEAU } from "@/lib/ml/nn/plateau";

const NOW = Date.parse("2026-12-02T10:00:00Z");
const MINUTE = 60_000;

type Run = NonNullable<AttentionInput["run"]>;

function student(overrides: Partial<AttentionInput> = {}): AttentionInput {
  return {
    now: NOW,
    disconnectedAt: null,
    joinedAt: NOW - MINUTE,
    lastRunActivityAt: NOW - MINUTE,
    run: null,
    unitHealth: null,
    cells: [],
    ...overrides,
  };
}

function run(overrides: Partial<Run> = {}): Run {
  return {
    isActive: true,
    isDiverged: false,
    step: 1000,
    curve: dropping(1000),
    accuracy: 0.8,
    targetAccuracy: 0.95,
    designedPlateauUntilStep: null,
    ...overrides,
  };
}

/** A curve that keeps falling: never flat. */
function dropping(steps: number): CurveArrays {
  return toArrays(Array.from({ length: steps / 10 + 1 }, (_, i) => [i * 10, 0.7 * Math.exp(-i / 20)] as LossPoint));
}

/** A curve falling until `flatFrom`, then flat at 0.4 until `steps`. */
function flatAfter(flatFrom: number, steps: number): CurveArrays {
  return toArrays(flatPoints(flatFrom, steps));
}

function flatPoints(flatFrom: number, steps: number): LossPoint[] {
  const points: LossPoint[] = [];
  for (let step = 0; step <= steps; step += 10)
    points.push([step, step < flatFrom ? 0.7 - (0.3 * step) / flatFrom : 0.4]);
  return points;
}

const kinds = (input: AttentionInput) => attentionFlags(input).map((flag) => flag.kind);

describe("attention flags", () => {
  it("flags nothing for a student training well", () => {
    expect(attentionFlags(student({ run: run() }))).toEqual([]);
  });

  it("flags a diverged run", () => {
    expect(kinds(student({ run: run({ isDiverged: true, isActive: false, accuracy: null }) }))).toEqual(["diverged"]);
  });

  it("flags a plateau once the loss has been flat for the window, below the target only", () => {
    const flatFor = (steps: number) => run({ step: 400 + steps, curve: flatAfter(400, 400 + steps) });
    expect(flatTailSteps(flatAfter(400, 400 + PLATEAU_FLAG_STEPS))).toBe(PLATEAU_FLAG_STEPS + 10);
    expect(kinds(student({ run: flatFor(PLATEAU_FLAG_STEPS - 20) }))).toEqual([]);
    const flags = attentionFlags(student({ run: flatFor(PLATEAU_FLAG_STEPS) }));
    expect(flags).toMatchObject([{ kind: "plateau", level: 1 }]);
    expect(flags[0]?.reason).toMatch(/flat for 510 steps/);
    expect(attentionFlags(student({ run: flatFor(2 * PLATEAU_FLAG_STEPS) }))[0]?.level).toBe(2);
    // At the target, a flat loss is a finished job, not a plateau.
    expect(kinds(student({ run: { ...flatFor(PLATEAU_FLAG_STEPS), accuracy: 0.95 } }))).toEqual([]);
    // Within the tolerance the loss still counts as flat; beyond it, not.
    const wobble = (delta: number): CurveArrays =>
      toArrays(
        flatPoints(400, 1000).map(
          ([step, loss]): LossPoint => [step, step >= 400 && step % 20 === 0 ? loss * (1 + delta) : loss],
        ),
      );
    expect(flatTailSteps(wobble(PLATEAU_FLAG_TOLERANCE * 0.9))).toBeGreaterThanOrEqual(PLATEAU_FLAG_STEPS);
    expect(flatTailSteps(wobble(PLATEAU_FLAG_TOLERANCE * 1.5))).toBeLessThan(20);
  });

  it("does not flag the plateau the lesson's step is designed to show, but does once it lasts beyond it", () => {
    const until = designedPlateauUntilStep({ initScale: XOR_PLATEAU.initScale, steps: XOR_PLATEAU.steps });
    expect(until).toBe(600);
    expect(designedPlateauUntilStep({ initScale: 1, steps: 2000 })).toBeNull();
    const flatFromStart = (step: number) =>
      run({ step, curve: flatAfter(0, step), accuracy: 0.5, designedPlateauUntilStep: until });
    expect(kinds(student({ run: flatFromStart(until ?? 0) }))).toEqual([]);
    expect(kinds(student({ run: flatFromStart((until ?? 0) + PLATEAU_FLAG_STEPS) }))).toEqual(["plateau", "chance"]);
  });

  it("flags a run at chance after enough steps, not before and not off chance", () => {
    const at = (accuracy: number, step: number) => kinds(student({ run: run({ accuracy, step }) }));
    expect(at(0.5, CHANCE_FLAG_STEPS - 1)).toEqual([]);
    expect(at(0.5, CHANCE_FLAG_STEPS)).toEqual(["chance"]);
    expect(at(0.5 + CHANCE_ACCURACY_BAND - 0.001, CHANCE_FLAG_STEPS)).toEqual(["chance"]);
    expect(at(0.5 + CHANCE_ACCURACY_BAND + 0.01, CHANCE_FLAG_STEPS)).toEqual([]);
  });

  it("flags dead units from a quarter of the layer, the level counting them", () => {
    const dead = (count: number, hidden = 8) => attentionFlags(student({ unitHealth: { dead: count, hidden } }));
    expect(dead(DEAD_UNITS_FLAG_SHARE * 8 - 1)).toEqual([]);
    expect(dead(DEAD_UNITS_FLAG_SHARE * 8)).toMatchObject([{ kind: "deadUnits", level: 2 }]);
    expect(dead(0, 0)).toEqual([]);
  });

  it("flags an idle student after the idle minutes, not while a run is in progress or when offline", () => {
    const idleFor = (minutes: number, extra: Partial<AttentionInput> = {}) =>
      kinds(student({ lastRunActivityAt: NOW - minutes * MINUTE, ...extra }));
    expect(idleFor(IDLE_FLAG_MINUTES - 0.1)).toEqual([]);
    expect(idleFor(IDLE_FLAG_MINUTES)).toEqual(["idle"]);
    expect(idleFor(IDLE_FLAG_MINUTES * 2, { run: run() })).toEqual([]);
    expect(
      attentionFlags(student({ lastRunActivityAt: null, joinedAt: NOW - IDLE_FLAG_MINUTES * MINUTE }))[0]?.reason,
    ).toMatch(/since joining/);
  });

  it("flags a student stuck on a cell by failed checks or by time, never after it passed", () => {
    const cell = (failedAttempts: number, minutes: number, isPassed = false) =>
      kinds(student({ cells: [{ cell: 2, isPassed, failedAttempts, firstAttemptAt: NOW - minutes * MINUTE }] }));
    expect(cell(STUCK_CELL_ATTEMPTS - 1, STUCK_CELL_MINUTES - 1)).toEqual([]);
    expect(cell(STUCK_CELL_ATTEMPTS, 1)).toEqual(["stuckCell"]);
    expect(cell(1, STUCK_CELL_MINUTES)).toEqual(["stuckCell"]);
    expect(cell(STUCK_CELL_ATTEMPTS * 3, 30, true)).toEqual([]);
  });

  it("flags a student offline past the grace seconds, not for a blip", () => {
    const offFor = (seconds: number) => kinds(student({ disconnectedAt: NOW - seconds * 1000 }));
    expect(offFor(OFFLINE_FLAG_SECONDS - 1)).toEqual([]);
    expect(offFor(OFFLINE_FLAG_SECONDS)).toEqual([ATTENTION_KIND.offline]);
  });
});

describe("seen marks", () => {
  it("hide a seen flag until it grows worse, and drop when the condition clears so it returns", () => {
    const plateau = (level: number) => [{ kind: ATTENTION_KIND.plateau, level, reason: "flat" }];
    let seen = markSeen(new Map(), plateau(1));
    expect(visibleFlags(plateau(1), seen)).toEqual([]);
    expect(visibleFlags(plateau(2), seen)).toHaveLength(1);
    // Cleared: the mark goes; the same condition later shows again at level 1.
    seen = keepSeenMarks(seen, []);
    expect(visibleFlags(plateau(1), seen)).toHaveLength(1);
    // A mark survives while its condition holds.
    expect(keepSeenMarks(markSeen(new Map(), plateau(1)), plateau(1)).get(ATTENTION_KIND.plateau)).toBe(1);
  });
});

describe("sorting and counting by flag", () => {
  const shown = (kind: AttentionKind, level: number, isSeen = false) => ({ kind, level, isSeen });

  it("puts tiles needing attention first, most urgent kind then worse level, then seen ones, then none", () => {
    const tiles = {
      none: [],
      seenDiverged: [shown("diverged", 1, true)],
      idle: [shown("idle", 1)],
      plateau1: [shown("plateau", 1)],
      plateau3: [shown("plateau", 3)],
      offlineAndDiverged: [shown("offline", 1), shown("diverged", 1)],
    };
    const order = Object.entries(tiles)
      .sort(([, a], [, b]) => attentionRank(a) - attentionRank(b))
      .map(([name]) => name);
    expect(order).toEqual(["offlineAndDiverged", "plateau3", "plateau1", "idle", "seenDiverged", "none"]);
    // A seen flag does not lift a tile above one that needs attention, whatever the kinds.
    expect(attentionRank([shown("diverged", 9, true), shown("offline", 1)])).toBeLessThan(
      attentionRank([shown("diverged", 1, true)]),
    );
  });

  it("counts a tile under needs attention only while a flag is not seen", () => {
    expect(needsAttention([])).toBe(false);
    expect(needsAttention([shown("idle", 1, true)])).toBe(false);
    expect(needsAttention([shown("idle", 1, true), shown("chance", 1)])).toBe(true);
  });

  it("keeps one flag per kind at its worst, most urgent first", () => {
    const flag = (kind: AttentionKind, level: number) => ({ kind, level, reason: `${kind} ${level}` });
    expect(worstFlags([[flag("idle", 2), flag("plateau", 1)], [flag("plateau", 3)], []])).toEqual([
      flag("plateau", 3),
      flag("idle", 2),
    ]);
  });
});
