/**
 * What the review page hands its client components: plain, lean rows (no Dates, no server types),
 * so 300 students cost a few tens of kB of props. The detail and replay routes' answers are typed
 * here too; they are our own server's JSON, read by our own page.
 */
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
  outcome: RunOutcomeView | null;
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

/** How a run ended, as the review names it. */
export type RunOutcomeView = "training" | "finished" | "stopped" | "diverged";

export type ScatterRun = { hidden: number; lr: number; loss: number; isReachedTarget: boolean };

/** The data set the class trained on, to draw its points over maps. */
export type DatasetView = { dataset: string; noise: number; dataSeed: number; extent: number; mapResolution: number };

export type DetailRun = {
  id: string;
  status: string;
  outcome: RunOutcomeView;
  dataset: string;
  verification: {
    verdict: "agree" | "mismatch" | "unverified";
    isDiverged: boolean;
    isReachedTarget: boolean;
    reason: string | null;
  };
  config: Record<string, unknown>;
  steps: number;
  targetReachedStep: number | null;
  reportedLoss: number | null;
  reportedAccuracy: number | null;
  verifiedLoss: number | null;
  verifiedAccuracy: number | null;
  startedAt: string;
  finishedAt: string | null;
  finalMap: string | null;
  hasWeights: boolean;
};

export type ParticipantDetailData = {
  participantId: string;
  nickname: string;
  dataset: string | null;
  otherRuns: number;
  runs: DetailRun[];
  chart: { steps: number[]; values: (number | null)[][] };
  cells: { cell: number; isPassed: boolean; attempts: number; code: string; lastError: string | null }[];
};

export type ReplayFrameData = {
  bounds: { start: string; end: string } | null;
  at: string;
  steps: number[];
  participants: {
    participantId: string;
    nickname: string;
    runId: string;
    dataset: string;
    status: string;
    step: number;
    loss: number | null;
    map: string | null;
    values: (number | null)[];
  }[];
  median: (number | null)[];
};
