/** A [step, loss] pair: loss after `step` parameter updates. The one point type of every curve. */
export type LossPoint = [step: number, loss: number];

/**
 * A curve as parallel arrays, steps strictly increasing. Live curves (server, dashboard) are kept
 * this way and mutated in place: two arrays of doubles, 16 bytes a point, no tuple per point.
 */
export type CurveArrays = { steps: number[]; losses: number[] };
