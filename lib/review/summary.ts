/**
 * The review's class figures, shared by the server that computes them (server/review) and the
 * pages that show them (the review's cards, the projector's end-of-class summary).
 */

import type { GroupKey } from "../classroom/groups";

/** One dataset's figures for the whole class. */
export type ReviewSummary = {
  dataset: string | null;
  /** Everyone who joined, whatever they trained on. */
  students: number;
  /** Students with at least one run on this dataset. */
  studentsTrained: number;
  runs: number;
  /** Students with a run whose verified final accuracy met its target. */
  studentsReachedTarget: number;
  /** Median over students of their best run's final loss (verified where the server scored it). */
  medianFinalLoss: number | null;
  /** Median over reached students of the step they reported first meeting the target. */
  medianStepsToTarget: number | null;
  /** Runs whose report the server's verification contradicts. */
  flaggedRuns: number;
  /** cell number → how many students passed it. */
  cellsPassed: Record<1 | 2 | 3, number>;
};

/** The best run of a dataset, as a projector shows it. */
export type SummaryBestRun = {
  nickname: string;
  hidden: number;
  lr: number;
  activation: string;
  optimizer: string;
  loss: number;
  accuracy: number | null;
};

/** The class on one dataset, for the projector. */
export type DatasetSummary = { summary: ReviewSummary; best: SummaryBestRun | null };

/** What the projector shows once the class has ended. */
export type ClassSummary = {
  students: number;
  /** One entry per dataset the class trained on, in order; empty when nobody trained. */
  datasets: DatasetSummary[];
};

/** One group's figures in a group experiment (server/review/compare-groups.ts). */
export type GroupFigures = {
  index: number;
  /** "Group A: lr 0.01". */
  label: string;
  value: number | string;
  /** Students with a run in this group. */
  students: number;
  runs: number;
  studentsReachedTarget: number;
  /** studentsReachedTarget / students; null with no student. */
  shareReached: number | null;
  medianFinalLoss: number | null;
  medianStepsToTarget: number | null;
};

/** One group experiment (named by the generation it began at) and its groups, in group order. */
export type ExperimentComparison = { generation: number; key: GroupKey; groups: GroupFigures[] };
