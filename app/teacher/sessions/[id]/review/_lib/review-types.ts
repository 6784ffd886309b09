/**
 * What the review page hands its client components: plain, lean rows (no Dates, no server types),
 * so 300 students cost a few tens of kB of props. The detail and replay routes' answers are typed
 * here too; they are our own server's JSON, read by our own page.
 */
export type ReviewRow = {
  participantId: string;
  nickname: string;
  runCount: number;
  hidden: number | null;
  lr: number | null;
  activation: string | null;
  optimizer: string | null;
  steps: number | null;
  reportedLoss: number | null;
  verifiedLoss: number | null;
  isMismatch: boolean;
  reportedAccuracy: number | null;
  verifiedAccuracy: number | null;
  isReachedTarget: boolean;
  cellsPassed: number[];
  timeSpentS: number;
  isRemoved: boolean;
};

export type ScatterRun = { hidden: number; lr: number; loss: number; isReachedTarget: boolean };

/** The data set the class trained on, to draw its points over maps. */
export type DatasetView = { dataset: string; noise: number; dataSeed: number; extent: number; mapResolution: number };

export type DetailRun = {
  id: string;
  status: string;
  config: Record<string, unknown>;
  steps: number;
  targetReachedStep: number | null;
  reportedLoss: number | null;
  reportedAccuracy: number | null;
  verifiedLoss: number | null;
  verifiedAccuracy: number | null;
  isVerifiedMismatch: boolean;
  isReachedTarget: boolean;
  startedAt: string;
  finishedAt: string | null;
  finalMap: string | null;
  hasWeights: boolean;
};

export type ParticipantDetailData = {
  participantId: string;
  nickname: string;
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
    status: string;
    step: number;
    loss: number | null;
    map: string | null;
    values: (number | null)[];
  }[];
  median: (number | null)[];
};
