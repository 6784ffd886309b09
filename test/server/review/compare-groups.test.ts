import { describe, expect, it } from "vitest";
import { compareGroups } from "@/server/review/compare-groups";
import type { ReviewParticipantRow, ReviewRunRow } from "@/server/review/summarize-review";

const T0 = new Date("2026-12-03T10:00:00Z");

function run(
  id: string,
  group: ReviewRunRow["group"],
  loss: number,
  accuracy: number,
  reachedAt: number | null = null,
) {
  return {
    id,
    status: accuracy >= 0.95 ? "REACHED_TARGET" : "FINISHED",
    config: {
      dataset: "xor",
      targetAccuracy: 0.95,
      hidden: 8,
      lr: 0.1,
      activation: "relu",
      optimizer: "sgd",
      steps: 2000,
    },
    initialLoss: 0.69,
    isEdited: false,
    steps: 2000,
    targetReachedStep: reachedAt,
    reportedLoss: loss,
    reportedAccuracy: accuracy,
    verifiedLoss: loss,
    verifiedAccuracy: accuracy,
    lessonStep: null,
    group,
    startedAt: T0,
    finishedAt: T0,
  } satisfies ReviewRunRow;
}

function student(id: string, runs: ReviewRunRow[]): ReviewParticipantRow {
  return { id, nickname: id, joinedAt: T0, lastSeenAt: T0, removedAt: null, runs, cells: [], presence: [] };
}

const lr = (index: number, value: number) => ({ generation: 1, index, key: "lr" as const, value });

describe("compareGroups", () => {
  it("gives each group its median final loss, share reached and median steps to target", () => {
    const participants = [
      student("a", [run("a1", lr(0, 0.01), 0.6, 0.7)]),
      student("b", [run("b1", lr(1, 1), 0.05, 0.99, 400)]),
      student("c", [run("c1", lr(0, 0.01), 0.5, 0.75)]),
      student("d", [run("d1", lr(1, 1), 0.1, 0.9), run("d2", lr(1, 1), 0.04, 0.98, 600)]),
      // Outside the experiment: not in any group's figures.
      student("e", [run("e1", null, 0.01, 1, 100)]),
    ];
    const [experiment] = compareGroups(participants, "xor");
    expect(experiment?.key).toBe("lr");
    expect(experiment?.groups).toEqual([
      {
        index: 0,
        label: "Group A: lr 0.01",
        value: 0.01,
        students: 2,
        runs: 2,
        studentsReachedTarget: 0,
        shareReached: 0,
        medianFinalLoss: 0.55,
        medianStepsToTarget: null,
      },
      {
        index: 1,
        label: "Group B: lr 1",
        value: 1,
        students: 2,
        runs: 3,
        studentsReachedTarget: 2,
        shareReached: 1,
        medianFinalLoss: 0.045,
        medianStepsToTarget: 500,
      },
    ]);
  });

  it("keeps experiments apart, latest first, and only on the dataset asked for", () => {
    const hidden = { generation: 3, index: 0, key: "hidden" as const, value: 2 };
    const participants = [student("a", [run("a1", lr(0, 0.01), 0.6, 0.7), run("a2", hidden, 0.3, 0.9)])];
    expect(compareGroups(participants, "xor").map((e) => [e.generation, e.key])).toEqual([
      [3, "hidden"],
      [1, "lr"],
    ]);
    expect(compareGroups(participants, "circles")).toEqual([]);
  });
});
