/**
 * The class consensus: from every student's latest decision map (lib/protocol map bytes, the
 * class-1 probability × 255 per pixel), the average map and a disagreement map.
 *
 * - **Average**: per pixel the mean of the students' probabilities, as map bytes: drawn with the
 *   decision-map colours (warm = class 1, cool = class 0, faint = uncertain on average).
 * - **Disagreement**: per pixel 4·v·(1 − v), where v is the share of students whose model predicts
 *   class 1 there (byte ≥ 128, p ≥ 0.5, as the predictions count it). 0 when the class is unanimous,
 *   1 (byte 255) when it splits half and half. The votes, not the probabilities: a class whose
 *   models are all unsure at a pixel (every p near 0.5) does not disagree there; the average shows
 *   that as faint. The spread of the probabilities would mark it as disagreement instead, and
 *   would blur "half the class says warm, half cool" with "everyone is lukewarm", which is the
 *   contrast the discussion needs. The factor 4 scales the Bernoulli variance v(1 − v) (≤ ¼) to 0–1.
 *
 * Pure, allocation per call only: 300 maps × 1,024 pixels is ~0.3 M additions.
 */
import { MAP_BYTES } from "../protocol/limits";

/** A byte at or above this predicts class 1 (p ≥ 0.5), as lib/ml/nn and the hard-region palette count it. */
export const CLASS_ONE_BYTE = 128;

/** The class's consensus over `count` maps: both as map bytes (MAP_BYTES each). */
export type Consensus = {
  /** How many maps it averages. */
  count: number;
  /** Per pixel the mean class-1 probability × 255. */
  mean: Uint8Array;
  /** Per pixel 4·v·(1 − v) × 255, v the share predicting class 1: 0 unanimous, 255 split evenly. */
  disagreement: Uint8Array;
};

/**
 * Averages the maps; null when there is none. Maps of the wrong length are skipped (never read
 * past their end).
 *
 * @example
 * const consensus = computeConsensus([mapA, mapB]); // { count: 2, mean, disagreement }
 */
export function computeConsensus(maps: Iterable<Uint8Array>): Consensus | null {
  const sums = new Uint32Array(MAP_BYTES);
  const votes = new Uint32Array(MAP_BYTES);
  let count = 0;
  for (const map of maps) {
    if (map.length !== MAP_BYTES) continue;
    count++;
    map.forEach((byte, i) => {
      sums[i] = (sums[i] ?? 0) + byte;
      if (byte >= CLASS_ONE_BYTE) votes[i] = (votes[i] ?? 0) + 1;
    });
  }
  if (count === 0) return null;
  const mean = new Uint8Array(MAP_BYTES);
  const disagreement = new Uint8Array(MAP_BYTES);
  sums.forEach((sum, i) => {
    mean[i] = Math.round(sum / count);
    const share = (votes[i] ?? 0) / count;
    disagreement[i] = Math.round(4 * share * (1 - share) * 255);
  });
  return { count, mean, disagreement };
}

/** The share of the plot where the class disagrees strongly (disagreement ≥ ¾, a 75/25 split or closer), 0–1. */
export function disagreementShare(disagreement: Uint8Array, threshold = 0.75): number {
  // In bytes, as the map stores it: ¾ is byte 191 (4 · ¼ · ¾ · 255 = 191.25, rounded down when stored).
  const edge = Math.floor(threshold * 255);
  let strong = 0;
  for (const byte of disagreement) if (byte >= edge) strong++;
  return disagreement.length === 0 ? 0 : strong / disagreement.length;
}
