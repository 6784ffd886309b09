/**
 * Server-side check of a finished run: rebuild the class's dataset from its seed and score the
 * student's final weights on it with the same MLP core the browser trained with. Stored beside
 * the reported figures, so a review can tell an honest run from a doctored one.
 */
import type { RunConfig } from "../../lib/classroom/settings";
import { accuracy, type Dataset, DEFAULT_N, evaluateLoss, fromChapterWeights, makeDataset } from "../../lib/ml/nn";
import type { Weights } from "../../lib/protocol";
import { editedDataset, type PointEditRequest } from "../../lib/training/point-edits";

/** The verified figures: mean cross-entropy (nats) and accuracy (0–1) on the class's points. */
export type VerifiedFigures = { loss: number; accuracy: number };

/**
 * Scores `weights` on the run's dataset, as the student edited it when `edits` is given (the
 * room's stored log: an edited run is re-scored on the points it trained on, not the class's). ~200 points × ≤32 hidden units: microseconds, so it
 * runs inline when a run finishes. Returns null when the weights do not form a valid network
 * (the schema checked shapes; the core also refuses non-finite values) or the loss is not finite.
 *
 * @example
 * const verified = verifyRun(record.config, finish.weights); // { loss: 0.08, accuracy: 0.99 }
 */
export function verifyRun(
  config: Pick<RunConfig, "dataset" | "noise" | "dataSeed">,
  weights: Weights,
  edits: readonly PointEditRequest[] = [],
): VerifiedFigures | null {
  try {
    const base = classDataset(config);
    const data = editedDataset(base, edits);
    const net = fromChapterWeights(weights, { activation: weights.activation });
    const loss = evaluateLoss(net, data);
    if (!Number.isFinite(loss)) return null;
    return { loss, accuracy: accuracy(net, data) };
  } catch {
    // fromChapterWeights throws NnInputError for shapes or values it refuses: nothing to verify.
    return null;
  }
}

/** Datasets kept: a class trains on one or a few (a lesson's steps, a group experiment's). */
const DATASET_CACHE_SIZE = 32;
const datasets = new Map<string, Dataset>();

/**
 * The class's points for `config`, made once per dataset, noise and seed: every finish was
 * rebuilding the same 200 points (~1 % of the main thread at 300 students, issue 13). Datasets
 * are never mutated (edits make new ones), so sharing is safe.
 */
function classDataset(config: Pick<RunConfig, "dataset" | "noise" | "dataSeed">): Dataset {
  const key = `${config.dataset}:${config.noise}:${config.dataSeed}`;
  const cached = datasets.get(key);
  if (cached) return cached;
  const data = makeDataset(config.dataset, { n: DEFAULT_N, noise: config.noise, seed: config.dataSeed });
  if (datasets.size >= DATASET_CACHE_SIZE) datasets.delete(datasets.keys().next().value as string);
  datasets.set(key, data);
  return data;
}
