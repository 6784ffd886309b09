/**
 * The chapter's early plateau as a measurable criterion: "the first few iterations go nowhere,
 * then it drops fast". Issue 14 §3 pins it down: the loss stays within 10 % of its start for the
 * first 5 % of the steps, and the run ends below half of its starting loss. Pure, so the lesson's
 * test, the benchmark and any advice judge a curve the same way.
 */

/**
 * Settings where the chapter's ReLU net shows the plateau on XOR: small initial weights start it
 * near the saddle at zero, where every gradient is tiny, so the loss sits near ln 2 before it
 * drops. Measured on XOR (noise 0.25, data seed 42, 200 points) over init seeds 1–30:
 * 30 of 30 runs meet {@link judgePlateau}, flat for 234–284 steps (median 257), all at 100 %
 * (test/lib/lessons/stacking-layers.test.ts). The lesson's XOR step and cell 3's starter code use them.
 */
export const XOR_PLATEAU = {
  dataset: "xor",
  noise: 0.25,
  activation: "relu",
  hidden: 8,
  initScale: 0.01,
  lr: 0.1,
  steps: 2_000,
} as const;

/** The plateau's length, as a fraction of the run's steps. */
export const PLATEAU_FRACTION = 0.05;
/** How far (relative to the starting loss) the loss may move and still count as flat. */
export const PLATEAU_TOLERANCE = 0.1;
/** The run must end below this fraction of its starting loss: the drop after the plateau. */
export const PLATEAU_END_RATIO = 0.5;

/** What {@link judgePlateau} found on one curve. */
export type PlateauVerdict = {
  /** The loss stayed within PLATEAU_TOLERANCE of its start for the first PLATEAU_FRACTION of steps. */
  isFlatStart: boolean;
  /** The final loss is below PLATEAU_END_RATIO × the start. */
  isDropped: boolean;
  /** Both: the curve shows the chapter's plateau, then the drop. */
  isPlateau: boolean;
  /**
   * Steps before the loss first left the ±PLATEAU_TOLERANCE band around its start (the plateau
   * the student sees); the curve's length minus one when it never left.
   */
  flatSteps: number;
};

/**
 * Judges one loss curve. `losses[i]` is the loss after i steps: `losses[0]` before any update,
 * the last entry after the last one, so a run of S steps has S + 1 entries. A curve with a
 * non-finite entry (a run that blew up) or fewer than two entries never shows the plateau.
 *
 * @example
 * const curve = [0.693, 0.693, …, 0.05]; // 2,001 entries for 2,000 steps
 * judgePlateau(curve).isPlateau // true when the first 100 steps stay within 0.623…0.762 and the end is < 0.347
 */
export function judgePlateau(losses: ArrayLike<number>): PlateauVerdict {
  const start = losses[0];
  const steps = losses.length - 1;
  if (start === undefined || steps < 1 || !Number.isFinite(start) || start <= 0) {
    return { isFlatStart: false, isDropped: false, isPlateau: false, flatSteps: 0 };
  }
  const band = PLATEAU_TOLERANCE * start;
  let flatSteps = steps;
  for (let i = 1; i <= steps; i++) {
    const loss = losses[i] as number;
    if (!(Math.abs(loss - start) <= band)) {
      flatSteps = i - 1;
      break;
    }
  }
  const plateauSteps = Math.ceil(PLATEAU_FRACTION * steps);
  const isFlatStart = flatSteps >= plateauSteps;
  const end = losses[steps] as number;
  const isDropped = Number.isFinite(end) && end < PLATEAU_END_RATIO * start;
  return { isFlatStart, isDropped, isPlateau: isFlatStart && isDropped, flatSteps };
}
