/**
 * "Needs attention" flags: which students the teacher should look at now, computed from what the
 * server already receives (the live curve, the reported accuracy, cell checks, the socket's
 * presence, the unit health from the weights). Pure, so the room, the review and the tests judge a
 * student the same way. Each flag has a level that grows as the condition gets worse, so a flag the
 * teacher marked seen comes back when it worsens ({@link visibleFlags}) or when it clears and
 * returns ({@link keepSeenMarks}).
 */
import type { CurveArrays } from "../curve";
import { XOR_PLATEAU } from "../ml/nn/plateau";

export const ATTENTION_KIND = {
  diverged: "diverged",
  plateau: "plateau",
  chance: "chance",
  deadUnits: "deadUnits",
  idle: "idle",
  stuckCell: "stuckCell",
  offline: "offline",
} as const;
/** One kind of flag. */
export type AttentionKind = (typeof ATTENTION_KIND)[keyof typeof ATTENTION_KIND];
/** Every kind, most urgent first: the order the dashboard sorts and lists them in. */
export const ATTENTION_KINDS = Object.values(ATTENTION_KIND) as readonly AttentionKind[];
const ATTENTION_KIND_COUNT_BOUND = 10;
/** The kinds that judge a run itself (stored with it, Run.flags); idle, stuck cell and offline judge the student. */
export const RUN_ATTENTION_KINDS: ReadonlySet<AttentionKind> = new Set([
  ATTENTION_KIND.diverged,
  ATTENTION_KIND.plateau,
  ATTENTION_KIND.chance,
  ATTENTION_KIND.deadUnits,
]);

/** A flag: its kind, a level ≥ 1 that grows as the condition worsens, and its reason in words. */
export type AttentionFlag = { readonly kind: AttentionKind; readonly level: number; readonly reason: string };

/**
 * Steps of a flat loss that make a plateau worth a look: at the class's usual 2,000 steps, a
 * quarter of the run going nowhere. The chapter's designed plateau (lib/ml/nn/plateau.ts) lasts
 * 234–284 steps, so a healthy run at the lesson's settings never reaches it.
 */
export const PLATEAU_FLAG_STEPS = 500;
/** "Flat": the loss moved by less than this fraction of its value over the window. */
export const PLATEAU_FLAG_TOLERANCE = 0.02;
/**
 * Accuracy this close to 50 % is chance on the product's balanced two-class datasets: the net
 * says the same for everyone, or draws a line through XOR.
 */
export const CHANCE_ACCURACY_BAND = 0.05;
/** Steps before a run at chance is flagged: even the designed plateau has left chance by then. */
export const CHANCE_FLAG_STEPS = 600;
/**
 * A share of dead units worth a look: a few dead units of 32 are normal for ReLU and harmless; a
 * quarter of them is capacity lost (and all of a small layer is a net that cannot learn).
 */
export const DEAD_UNITS_FLAG_SHARE = 0.25;
/** Minutes without a run while connected: long enough to read a prompt and think, short enough to matter. */
export const IDLE_FLAG_MINUTES = 3;
/** Failed checks of one cell that suggest a student is stuck rather than iterating. */
export const STUCK_CELL_ATTEMPTS = 5;
/** Minutes on one cell without passing: the chapter's cells take a few minutes each. */
export const STUCK_CELL_MINUTES = 8;
/**
 * Seconds without a socket before a student is flagged offline: socket.io reconnects a Wi-Fi
 * blip within a few seconds, and a flag that flickers for each is noise.
 */
export const OFFLINE_FLAG_SECONDS = 20;

/**
 * The share of a run that a designed plateau may last: the lesson's plateau step measured flat
 * for at most 284 of 2,000 steps (14 %) over 30 seeds; twice that leaves room for other seeds and data.
 */
export const DESIGNED_PLATEAU_SHARE = 0.3;

const MINUTE_MS = 60_000;

/**
 * Where a run's designed plateau ends: a run started as small as the lesson's plateau step
 * (lib/ml/nn/plateau.ts XOR_PLATEAU) sits near the saddle at zero by design, so its flat start is
 * the lesson working. Null for any other run.
 */
export function designedPlateauUntilStep(config: {
  readonly initScale: number;
  readonly steps: number;
}): number | null {
  if (config.initScale > XOR_PLATEAU.initScale) return null;
  return Math.ceil(config.steps * DESIGNED_PLATEAU_SHARE);
}

/** What the flags look at for one student. Times are ms since the epoch. */
export type AttentionInput = {
  readonly now: number;
  /** Null while a socket is open; else when the last one closed. */
  readonly disconnectedAt: number | null;
  readonly joinedAt: number;
  /** When the student's latest run started or ended (whichever is later); null: never trained. */
  readonly lastRunActivityAt: number | null;
  /** The student's latest run; null: never trained. */
  readonly run: {
    readonly isActive: boolean;
    readonly isDiverged: boolean;
    readonly step: number;
    /**
     * The live curve (lib/curve's thinned arrays, ascending steps): the room's own arrays, read
     * in place (a copy of every student's curve each second was a lecture hall's GC churn).
     */
    readonly curve: Readonly<CurveArrays>;
    /** The latest reported accuracy in 0..1; null before the first report. */
    readonly accuracy: number | null;
    readonly targetAccuracy: number;
    /**
     * The lesson step designs a plateau up to this step (its settings are the chapter's, see
     * lib/ml/nn/plateau.ts): a flat loss before it is the lesson working, not a student stuck.
     */
    readonly designedPlateauUntilStep: number | null;
  } | null;
  /** Dead (or saturated) hidden units of the latest weights; null when the server has none. */
  readonly unitHealth: { readonly dead: number; readonly hidden: number } | null;
  readonly cells: readonly {
    readonly cell: number;
    readonly isPassed: boolean;
    readonly failedAttempts: number;
    /** The first check of this cell; null when never checked. */
    readonly firstAttemptAt: number | null;
  }[];
};

/**
 * Every flag that applies to one student now, most urgent first.
 *
 * @example
 * attentionFlags({ now, disconnectedAt: null, joinedAt, lastRunActivityAt: null, run: null, unitHealth: null, cells: [] })
 * // [{ kind: "idle", level: 1, reason: "No run for 4 min since joining" }] (4 minutes after joining)
 */
export function attentionFlags(input: AttentionInput): AttentionFlag[] {
  const flags = [
    divergedFlag(input),
    plateauFlag(input),
    chanceFlag(input),
    deadUnitsFlag(input),
    idleFlag(input),
    ...stuckCellFlags(input),
    offlineFlag(input),
  ];
  return flags.filter((flag): flag is AttentionFlag => flag !== null);
}

function divergedFlag({ run }: AttentionInput): AttentionFlag | null {
  if (!run?.isDiverged) return null;
  return { kind: ATTENTION_KIND.diverged, level: 1, reason: "The loss blew up: the learning rate is likely too large" };
}

/** Steps at the end of the curve over which the loss stayed within the tolerance of its last value. */
export function flatTailSteps(curve: Readonly<CurveArrays>): number {
  const { steps, losses } = curve;
  const end = steps.length - 1;
  const lastStep = steps[end];
  const lastLoss = losses[end];
  if (lastStep === undefined || lastLoss === undefined || !Number.isFinite(lastLoss)) return 0;
  const band = PLATEAU_FLAG_TOLERANCE * Math.abs(lastLoss);
  let from = lastStep;
  for (let i = end - 1; i >= 0; i--) {
    if (!(Math.abs((losses[i] ?? Number.NaN) - lastLoss) <= band)) break;
    from = steps[i] ?? from;
  }
  return lastStep - from;
}

function plateauFlag({ run }: AttentionInput): AttentionFlag | null {
  if (!run?.isActive || run.isDiverged) return null;
  if (run.accuracy !== null && run.accuracy >= run.targetAccuracy) return null;
  const flat = flatTailSteps(run.curve);
  // Inside the lesson's designed plateau a flat curve is what the step is there to show.
  const designedUntil = run.designedPlateauUntilStep ?? -1;
  const flatBeyondDesign = Math.min(flat, Math.max(0, run.step - designedUntil));
  if (flatBeyondDesign < PLATEAU_FLAG_STEPS) return null;
  return {
    kind: ATTENTION_KIND.plateau,
    level: Math.floor(flatBeyondDesign / PLATEAU_FLAG_STEPS),
    reason: `Loss flat for ${flat.toLocaleString("en")} steps below the target`,
  };
}

function chanceFlag({ run }: AttentionInput): AttentionFlag | null {
  if (!run || run.isDiverged || run.accuracy === null) return null;
  // A designed plateau sits at chance too: 50/50 everywhere is where it starts.
  if (run.step < CHANCE_FLAG_STEPS || run.step <= (run.designedPlateauUntilStep ?? -1)) return null;
  if (Math.abs(run.accuracy - 0.5) > CHANCE_ACCURACY_BAND) return null;
  return {
    kind: ATTENTION_KIND.chance,
    level: 1,
    reason: `At chance (${Math.round(run.accuracy * 100)} %) after ${run.step.toLocaleString("en")} steps`,
  };
}

function deadUnitsFlag({ unitHealth }: AttentionInput): AttentionFlag | null {
  if (!unitHealth || unitHealth.hidden === 0 || unitHealth.dead === 0) return null;
  if (unitHealth.dead / unitHealth.hidden < DEAD_UNITS_FLAG_SHARE) return null;
  return {
    kind: ATTENTION_KIND.deadUnits,
    level: unitHealth.dead,
    reason: `${unitHealth.dead} of ${unitHealth.hidden} hidden units dead on every point`,
  };
}

function idleFlag({ now, disconnectedAt, joinedAt, lastRunActivityAt, run }: AttentionInput): AttentionFlag | null {
  if (disconnectedAt !== null || run?.isActive) return null;
  const since = lastRunActivityAt ?? joinedAt;
  const minutes = Math.floor((now - since) / MINUTE_MS);
  if (minutes < IDLE_FLAG_MINUTES) return null;
  return {
    kind: ATTENTION_KIND.idle,
    level: Math.floor(minutes / IDLE_FLAG_MINUTES),
    reason: lastRunActivityAt === null ? `No run for ${minutes} min since joining` : `No run for ${minutes} min`,
  };
}

function stuckCellFlags({ now, cells }: AttentionInput): AttentionFlag[] {
  return cells.flatMap((cell) => {
    if (cell.isPassed || cell.firstAttemptAt === null) return [];
    const minutes = Math.floor((now - cell.firstAttemptAt) / MINUTE_MS);
    const byAttempts = Math.floor(cell.failedAttempts / STUCK_CELL_ATTEMPTS);
    const byTime = Math.floor(minutes / STUCK_CELL_MINUTES);
    const level = Math.max(byAttempts, byTime);
    if (level < 1) return [];
    return [
      {
        kind: ATTENTION_KIND.stuckCell,
        level,
        reason: `Cell ${cell.cell}: ${cell.failedAttempts} failed ${cell.failedAttempts === 1 ? "check" : "checks"} in ${minutes} min`,
      },
    ];
  });
}

function offlineFlag({ now, disconnectedAt }: AttentionInput): AttentionFlag | null {
  if (disconnectedAt === null) return null;
  const seconds = Math.floor((now - disconnectedAt) / 1000);
  if (seconds < OFFLINE_FLAG_SECONDS) return null;
  return { kind: ATTENTION_KIND.offline, level: 1, reason: `Offline for ${formatDuration(seconds)}` };
}

function formatDuration(seconds: number): string {
  return seconds < 120 ? `${seconds} s` : `${Math.floor(seconds / 60)} min`;
}

/**
 * One flag per kind, each at its worst (the highest level, with its reason) over `lists`, most
 * urgent first: a run's flags over its life, or a student's over their runs.
 */
export function worstFlags(lists: readonly (readonly AttentionFlag[])[]): AttentionFlag[] {
  const worst = new Map<AttentionKind, AttentionFlag>();
  for (const list of lists)
    for (const flag of list) if ((worst.get(flag.kind)?.level ?? 0) <= flag.level) worst.set(flag.kind, flag);
  return ATTENTION_KINDS.flatMap((kind) => {
    const flag = worst.get(kind);
    return flag ? [{ kind: flag.kind, level: flag.level, reason: flag.reason }] : [];
  });
}

/** A flag as a tile shows it: marked seen or not. */
type ShownFlag = { readonly kind: AttentionKind; readonly level: number; readonly isSeen: boolean };

/** True when a tile has a flag the teacher has not marked seen: it counts under "Needs attention". */
export function needsAttention(flags: readonly ShownFlag[]): boolean {
  return flags.some((flag) => !flag.isSeen);
}

/**
 * A tile's place when sorted by flag, lower first: tiles needing attention by their most urgent
 * kind (ATTENTION_KINDS order), then the higher level; then tiles whose flags are all seen, the
 * same way; then tiles without flags.
 *
 * @example attentionRank([{ kind: "diverged", level: 1, isSeen: false }]) < attentionRank([]) // true
 */
export function attentionRank(flags: readonly ShownFlag[]): number {
  const unseen = flags.filter((flag) => !flag.isSeen);
  const ranked = unseen.length > 0 ? unseen : flags;
  if (ranked.length === 0) return 2 * ATTENTION_RANK_GROUP;
  let best = Number.POSITIVE_INFINITY;
  for (const flag of ranked) {
    // Within a kind, worse first; levels past 99 rank as 99.
    const rank = ATTENTION_KINDS.indexOf(flag.kind) * 100 + (99 - Math.min(flag.level, 99));
    best = Math.min(best, rank);
  }
  return (unseen.length > 0 ? 0 : ATTENTION_RANK_GROUP) + best;
}
/** Ranks within one group of {@link attentionRank} stay below this. */
const ATTENTION_RANK_GROUP = ATTENTION_KIND_COUNT_BOUND * 100;

/** Flags the teacher marked seen: the level each kind had when marked. */
export type SeenMarks = ReadonlyMap<AttentionKind, number>;

/** The flags to show: those not marked seen, and those grown worse than when they were marked. */
export function visibleFlags(flags: readonly AttentionFlag[], seen: SeenMarks): AttentionFlag[] {
  return flags.filter((flag) => flag.level > (seen.get(flag.kind) ?? 0));
}

/**
 * The seen marks that still hold: a mark is dropped once its condition clears, so the flag shows
 * again when the condition comes back.
 */
export function keepSeenMarks(seen: SeenMarks, flags: readonly AttentionFlag[]): Map<AttentionKind, number> {
  const current = new Set(flags.map((flag) => flag.kind));
  return new Map([...seen].filter(([kind]) => current.has(kind)));
}

/** Marks every current flag seen at its level. */
export function markSeen(seen: SeenMarks, flags: readonly AttentionFlag[]): Map<AttentionKind, number> {
  const next = new Map(seen);
  for (const flag of flags) next.set(flag.kind, Math.max(next.get(flag.kind) ?? 0, flag.level));
  return next;
}
