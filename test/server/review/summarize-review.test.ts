import { describe, expect, it } from "vitest";
import { exportParticipantsCsv } from "@/server/review/export-participants-csv";
import {
  bestRun,
  isVerifiedMismatch,
  type ReviewParticipantRow,
  type ReviewRunRow,
  summarizeClass,
  summarizeParticipant,
} from "@/server/review/summarize-review";
import { escapeCsvCell, toCsv } from "@/server/review/to-csv";

const T0 = new Date("2026-11-29T10:00:00Z");

function run(overrides: Partial<ReviewRunRow>): ReviewRunRow {
  return {
    id: "r",
    status: "FINISHED",
    config: { hidden: 8, lr: 0.3, activation: "relu", optimizer: "sgd", steps: 2000 },
    steps: 2000,
    targetReachedStep: null,
    reportedLoss: 0.5,
    reportedAccuracy: 0.8,
    verifiedLoss: 0.5,
    verifiedAccuracy: 0.8,
    startedAt: T0,
    finishedAt: T0,
    ...overrides,
  };
}

function participant(
  id: string,
  runs: ReviewRunRow[],
  cells: ReviewParticipantRow["cells"] = [],
): ReviewParticipantRow {
  return { id, nickname: id, joinedAt: T0, lastSeenAt: new Date(T0.getTime() + 90_000), removedAt: null, runs, cells };
}

describe("review figures", () => {
  it("picks the lowest final loss as the best run and ignores runs without one", () => {
    const runs = [
      run({ id: "a", reportedLoss: 0.4 }),
      run({ id: "b", reportedLoss: 0.1 }),
      run({ id: "c", reportedLoss: null }),
    ];
    expect(bestRun(runs)?.id).toBe("b");
    expect(bestRun([run({ reportedLoss: null })])).toBeNull();
  });

  it("flags reported and verified losses that disagree beyond the tolerance", () => {
    expect(isVerifiedMismatch(run({ reportedLoss: 0.3, verifiedLoss: 0.3 + 1e-12 }))).toBe(false);
    expect(isVerifiedMismatch(run({ reportedLoss: 0.05, verifiedLoss: 0.4 }))).toBe(true);
    expect(isVerifiedMismatch(run({ reportedLoss: 0.3, verifiedLoss: null }))).toBe(false);
  });

  it("summarizes the class: students, runs, reached target, medians and cells", () => {
    const participants = [
      participant(
        "ada",
        [
          run({ reportedLoss: 0.9 }),
          run({ status: "REACHED_TARGET", targetReachedStep: 600, reportedLoss: 0.05, verifiedLoss: 0.05 }),
        ],
        [
          { cell: 1, isPassed: true, attempts: 2 },
          { cell: 2, isPassed: true, attempts: 1 },
        ],
      ),
      participant(
        "bob",
        [run({ status: "REACHED_TARGET", targetReachedStep: 1000, reportedLoss: 0.1 })],
        [{ cell: 1, isPassed: false, attempts: 5 }],
      ),
      participant("cy", [run({ status: "DIVERGED", reportedLoss: null })]),
      participant("dee", []),
    ];
    expect(summarizeClass(participants)).toEqual({
      students: 4,
      runs: 4,
      studentsReachedTarget: 2,
      medianFinalLoss: (0.05 + 0.1) / 2,
      medianStepsToTarget: 800,
      cellsPassed: { 1: 1, 2: 1, 3: 0 },
    });
    const ada = summarizeParticipant(participants[0]!);
    expect(ada).toMatchObject({ runCount: 2, cellsPassed: [1, 2], timeSpentMs: 90_000 });
    expect(ada.best).toMatchObject({ isReachedTarget: true, reportedLoss: 0.05, isVerifiedMismatch: false });
  });
});

describe("CSV export", () => {
  it("escapes formula starts and quotes separators", () => {
    expect(escapeCsvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    for (const start of ["+1", "-1", "@SUM(A1)", "\tx"])
      expect(escapeCsvCell(start).startsWith("'") || escapeCsvCell(start).startsWith("\"'")).toBe(true);
    expect(escapeCsvCell("Ada, Jr.")).toBe('"Ada, Jr."');
    expect(escapeCsvCell(0.25)).toBe("0.25");
    expect(escapeCsvCell(null)).toBe("");
    expect(toCsv(["a", "b"], [["1", 2]])).toBe("a,b\r\n1,2\r\n");
  });

  it("writes one row per student with the best run's figures", () => {
    const csv = exportParticipantsCsv([
      summarizeParticipant(participant("=cmd", [run({ reportedLoss: 0.2, verifiedLoss: 0.2 })])),
    ]);
    const [header, row] = csv.trim().split("\r\n");
    expect(header?.split(",")).toContain("final_loss_verified");
    expect(row).toBe("'=cmd,1,8,0.3,relu,sgd,2000,0.2,0.2,false,0.8,0.8,false,,90");
  });
});
