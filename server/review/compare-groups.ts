/**
 * The review's group comparison: for each group experiment the class ran on one dataset, each
 * group's figures side by side — students, median final loss, share that reached the target,
 * median steps to it — computed exactly as the class's own figures (summarizeClass), on the runs
 * trained in that group. Pure.
 */
import { type GroupKey, groupLabel } from "../../lib/classroom/groups";
import type { ExperimentComparison } from "../../lib/review/summary";
import { type ReviewParticipantRow, summarizeClass } from "./summarize-review";

export type { ExperimentComparison, GroupFigures } from "../../lib/review/summary";

/**
 * Every experiment with runs on `dataset` (null: all), latest first.
 *
 * @example compareGroups(participants, "xor")[0]?.groups.map((g) => g.medianFinalLoss)
 */
export function compareGroups(
  participants: readonly ReviewParticipantRow[],
  dataset: string | null,
): ExperimentComparison[] {
  const experiments = new Map<number, { key: GroupKey; values: Map<number, number | string> }>();
  for (const participant of participants) {
    for (const run of participant.runs) {
      if (!run.group || (dataset !== null && run.config.dataset !== dataset)) continue;
      const experiment = experiments.get(run.group.generation) ?? { key: run.group.key, values: new Map() };
      experiment.values.set(run.group.index, run.group.value);
      experiments.set(run.group.generation, experiment);
    }
  }
  return [...experiments.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([generation, { key, values }]) => ({
      generation,
      key,
      groups: [...values.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([index, value]) => {
          const inGroup = participants
            .map((participant) => ({
              ...participant,
              runs: participant.runs.filter((run) => run.group?.generation === generation && run.group.index === index),
            }))
            .filter((participant) => participant.runs.length > 0);
          const figures = summarizeClass(inGroup, dataset);
          return {
            index,
            label: groupLabel(key, index, value),
            value,
            students: figures.studentsTrained,
            runs: figures.runs,
            studentsReachedTarget: figures.studentsReachedTarget,
            shareReached: figures.studentsTrained > 0 ? figures.studentsReachedTarget / figures.studentsTrained : null,
            medianFinalLoss: figures.medianFinalLoss,
            medianStepsToTarget: figures.medianStepsToTarget,
          };
        }),
    }));
}
