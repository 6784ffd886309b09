/**
 * What the review page hands its client components: plain, lean rows (no Dates, no server types),
 * so 300 students cost a few tens of kB of props. The detail and replay routes' answers are
 * lib/review's schemas, which the components parse them with.
 */
import type { ReviewOutcome } from "@/lib/review/responses";

export type ReviewRow = {
  participantId: string;
  nickname: string;
  /** The dataset of the student's best run here; null when they did not train on it. */
  dataset: string | null;
  runCount: number;
  hidden: number | null;
  lr: number | null;
  activation: string | null;
  optimizer: string | null;
  steps: number | null;
  /** The run's configured steps, to say "stopped at 800 of 2,000". */
  configSteps: number | null;
  outcome: ReviewOutcome | null;
  /** The server's final loss and accuracy; the reported ones where the server could not score the run. */
  loss: number | null;
  accuracy: number | null;
  verdict: "agree" | "mismatch" | "unverified" | null;
  /** What the student reported, shown beside a mismatch. */
  reportedLoss: number | null;
  reportedAccuracy: number | null;
  mismatchReason: string | null;
  isReachedTarget: boolean;
  /** The step the student reported first meeting the target (their word), for reached runs. */
  stepsToTarget: number | null;
  cellsPassed: number[];
  timeSpentS: number;
  isRemoved: boolean;
};

export type ScatterRun = {
  hidden: number;
  lr: number;
  loss: number;
  isReachedTarget: boolean;
  /** The run's group (0 = A) in the experiment the review compares; null outside it. */
  group: number | null;
};

/** The data set the class trained on, to draw its points over maps. */
export type DatasetView = { dataset: string; noise: number; dataSeed: number; extent: number; mapResolution: number };
