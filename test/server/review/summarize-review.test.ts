import { describe, expect, it } from "vitest";
import { participantsCsv, UTF8_BOM } from "@/server/review/export-participants-csv";
import { bestRun, judgeRun } from "@/server/review/judge-run";
import {
  chooseDataset,
  datasetsUsed,
  type ReviewParticipantRow,
  type ReviewRunRow,
  scatterPoints,
  summarizeClass,
  summarizeParticipant,
} from "@/server/review/summarize-review";
import { escapeCsvCell, toCsv } from "@/server/review/to-csv";
import { parseCsv } from "./parse-csv";

const T0 = new Date("2026-11-29T10:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const LIVE = { endedAt: null };

function run(overrides: Partial<ReviewRunRow> & { dataset?: string }): ReviewRunRow {
  const { dataset = "xor", ...rest } = overrides;
  return {
    id: "r",
    status: "FINISHED",
    config: { dataset, targetAccuracy: 0.95, hidden: 8, lr: 0.3, activation: "relu", optimizer: "sgd", steps: 2000 },
    initialLoss: 0.69,
    isEdited: false,
    steps: 2000,
    targetReachedStep: null,
    reportedLoss: 0.5,
    reportedAccuracy: 0.8,
    verifiedLoss: 0.5,
    verifiedAccuracy: 0.8,
    lessonStep: null,
    startedAt: T0,
    finishedAt: T0,
    ...rest,
  };
}

function participant(
  id: string,
  runs: ReviewRunRow[],
  cells: ReviewParticipantRow["cells"] = [],
): ReviewParticipantRow {
  return {
    id,
    nickname: id,
    joinedAt: T0,
    lastSeenAt: at(90),
    removedAt: null,
    runs,
    cells,
    presence: [{ startedAt: at(0), endedAt: at(90) }],
  };
}

describe("judging runs", () => {
  it("counts a run reached only by its verified accuracy, and flags a report the server contradicts", () => {
    // The case: the client reported 100 %, the server scores its weights at loss 0.692.
    const doctored = judgeRun(
      run({
        status: "REACHED_TARGET",
        targetReachedStep: 300,
        reportedLoss: 0.001,
        reportedAccuracy: 1,
        verifiedLoss: 0.692,
        verifiedAccuracy: 0.5,
      }),
    );
    expect(doctored.verification).toMatchObject({ verdict: "mismatch", isReachedTarget: false });
    expect(doctored).toMatchObject({ loss: 0.692, accuracy: 0.5, outcome: "finished" });
    const honest = judgeRun(
      run({ reportedLoss: 0.05, reportedAccuracy: 0.98, verifiedLoss: 0.05, verifiedAccuracy: 0.98 }),
    );
    expect(honest.verification).toMatchObject({ verdict: "agree", isReachedTarget: true });
    // The same figures on edited data: verified (on the edited points), but never counted as reached.
    const edited = judgeRun(
      run({ reportedLoss: 0.05, reportedAccuracy: 0.98, verifiedLoss: 0.05, verifiedAccuracy: 0.98, isEdited: true }),
    );
    expect(edited.verification).toMatchObject({ verdict: "agree", isReachedTarget: false });
    const editedRow = run({ verifiedLoss: 0.05, verifiedAccuracy: 0.98, isEdited: true });
    expect(summarizeClass([participant("p", [editedRow])], "xor").studentsReachedTarget).toBe(0);
  });

  it("agrees with an honestly diverged run (19.8 reported, 8.58 verified) and with one that sent no weights", () => {
    const diverged = judgeRun(
      run({ status: "DIVERGED", steps: 40, reportedLoss: 19.8, verifiedLoss: 8.58, verifiedAccuracy: 0.5 }),
    );
    expect(diverged.verification).toMatchObject({ verdict: "agree", isDiverged: true });
    expect(diverged.outcome).toBe("diverged");
    const blownUp = judgeRun(
      run({ status: "DIVERGED", reportedLoss: 19.8, verifiedLoss: null, verifiedAccuracy: null }),
    );
    expect(blownUp.verification).toMatchObject({ verdict: "agree", isDiverged: true });
  });

  it("calls a run that did not run its steps stopped, not finished, and leaves one without weights unverified", () => {
    expect(judgeRun(run({ steps: 0, reportedLoss: 0.69, verifiedLoss: 0.69 })).outcome).toBe("stopped");
    const aborted = judgeRun(run({ status: "ABORTED", steps: 800, reportedLoss: 0.2, verifiedLoss: null }));
    expect(aborted).toMatchObject({ outcome: "stopped", loss: 0.2 });
    expect(aborted.verification.verdict).toBe("unverified");
    expect(judgeRun(run({ status: "TRAINING", steps: 100, verifiedLoss: null })).outcome).toBe("training");
  });

  it("picks the best run by verified loss, before unverified and diverged runs", () => {
    const runs = [
      run({ id: "lying", reportedLoss: 0.01, verifiedLoss: 0.6 }),
      run({ id: "honest", reportedLoss: 0.3, verifiedLoss: 0.3 }),
      run({ id: "aborted", status: "ABORTED", reportedLoss: 0.1, verifiedLoss: null }),
      run({ id: "diverged", status: "DIVERGED", reportedLoss: null, verifiedLoss: null }),
    ].map(judgeRun);
    expect(bestRun(runs)?.id).toBe("honest");
    expect(bestRun(runs.slice(2))?.id).toBe("aborted");
    expect(bestRun(runs.slice(3))?.id).toBe("diverged");
    expect(bestRun([judgeRun(run({ status: "TRAINING", reportedLoss: null, verifiedLoss: null }))])).toBeNull();
  });
});

describe("review figures", () => {
  it("summarizes the class on its dataset with verified figures: reached, medians, flags and cells", () => {
    const participants = [
      participant(
        "ada",
        [
          run({ reportedLoss: 0.9, verifiedLoss: 0.9 }),
          run({
            status: "REACHED_TARGET",
            targetReachedStep: 600,
            reportedLoss: 0.05,
            verifiedLoss: 0.05,
            reportedAccuracy: 0.99,
            verifiedAccuracy: 0.99,
          }),
        ],
        [
          { cell: 1, isPassed: true, attempts: 2 },
          { cell: 2, isPassed: true, attempts: 1 },
        ],
      ),
      participant(
        "bob",
        [
          run({
            status: "REACHED_TARGET",
            targetReachedStep: 1000,
            reportedLoss: 0.1,
            verifiedLoss: 0.1,
            reportedAccuracy: 0.97,
            verifiedAccuracy: 0.97,
          }),
        ],
        [{ cell: 1, isPassed: false, attempts: 5 }],
      ),
      // Claimed the target; the server disagrees: not reached, flagged, ranked by its real loss.
      participant("eve", [
        run({
          status: "REACHED_TARGET",
          targetReachedStep: 10,
          reportedLoss: 0.001,
          reportedAccuracy: 1,
          verifiedLoss: 0.692,
          verifiedAccuracy: 0.5,
        }),
      ]),
      participant("cy", [run({ status: "DIVERGED", reportedLoss: null, verifiedLoss: null, verifiedAccuracy: null })]),
      participant("dee", []),
    ];
    expect(summarizeClass(participants, "xor")).toEqual({
      dataset: "xor",
      students: 5,
      studentsTrained: 4,
      runs: 5,
      studentsReachedTarget: 2,
      medianFinalLoss: 0.1,
      medianStepsToTarget: 800,
      flaggedRuns: 1,
      cellsPassed: { 1: 1, 2: 1, 3: 0 },
    });
    const ada = summarizeParticipant(participants[0] as ReviewParticipantRow, "xor", LIVE);
    expect(ada).toMatchObject({ dataset: "xor", runCount: 2, cellsPassed: [1, 2], timeSpentMs: 90_000 });
    expect(ada.best).toMatchObject({ loss: 0.05, verification: { verdict: "agree", isReachedTarget: true } });
    expect(scatterPoints(participants, "xor").map((point) => [point.loss, point.isReachedTarget])).toEqual([
      [0.9, false],
      [0.05, true],
      [0.1, true],
      [0.692, false],
    ]);
  });

  it("keeps datasets apart: a class that moved from XOR to circles is summarized per dataset", () => {
    const participants = [
      participant("ada", [
        run({
          id: "a1",
          dataset: "xor",
          startedAt: at(0),
          reportedLoss: 0.05,
          verifiedLoss: 0.05,
          verifiedAccuracy: 1,
        }),
        run({ id: "a2", dataset: "circles", startedAt: at(600), reportedLoss: 0.4, verifiedLoss: 0.4 }),
      ]),
      participant("bob", [
        run({ id: "b1", dataset: "circles", startedAt: at(620), reportedLoss: 0.2, verifiedLoss: 0.2 }),
      ]),
    ];
    expect(datasetsUsed(participants)).toEqual([
      { dataset: "xor", runs: 1, students: 1 },
      { dataset: "circles", runs: 2, students: 2 },
    ]);
    expect(summarizeClass(participants, "circles")).toMatchObject({
      runs: 2,
      studentsTrained: 2,
      medianFinalLoss: (0.4 + 0.2) / 2,
      studentsReachedTarget: 0,
    });
    expect(summarizeClass(participants, "xor")).toMatchObject({
      runs: 1,
      studentsTrained: 1,
      studentsReachedTarget: 1,
    });
    // Ada's best on circles is her circles run, not her (lower) XOR loss.
    expect(summarizeParticipant(participants[0] as ReviewParticipantRow, "circles", LIVE).best?.id).toBe("a2");
    expect(summarizeParticipant(participants[1] as ReviewParticipantRow, "xor", LIVE)).toMatchObject({
      dataset: null,
      runCount: 0,
      best: null,
    });
    expect(scatterPoints(participants, "circles").map((point) => point.runId)).toEqual(["a2", "b1"]);
    const used = datasetsUsed(participants);
    expect(chooseDataset(used, "xor", "circles")).toBe("xor");
    expect(chooseDataset(used, "spiral", "circles")).toBe("circles");
    expect(chooseDataset(used, null, "spiral")).toBe("circles");
    expect(chooseDataset([], null, "xor")).toBeNull();
  });

  it("counts time in class from presence intervals, cut at the session's end", () => {
    const row = { ...participant("ada", []), lastSeenAt: at(16 * 60) };
    row.presence = [
      { startedAt: at(0), endedAt: at(120) },
      { startedAt: at(300), endedAt: at(16 * 60) },
    ];
    expect(summarizeParticipant(row, null, { endedAt: at(360) }).timeSpentMs).toBe(180_000);
    // Recorded before presence intervals: the old figure stays.
    expect(summarizeParticipant({ ...row, presence: [] }, null, LIVE).timeSpentMs).toBe(16 * 60_000);
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

  it("starts with a UTF-8 BOM and writes a row per student and dataset, with removed and verification columns", () => {
    const chloe = participant("Chloé", [
      run({ dataset: "xor", startedAt: at(0), reportedLoss: 0.2, verifiedLoss: 0.2 }),
      run({
        dataset: "circles",
        startedAt: at(600),
        targetReachedStep: 900,
        reportedLoss: 0.1,
        reportedAccuracy: 0.97,
        verifiedLoss: 0.1,
        verifiedAccuracy: 0.97,
      }),
    ]);
    const csv = participantsCsv([chloe, { ...participant("=cmd", []), removedAt: at(30) }], { endedAt: at(60) });
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    const [header, ...rows] = parseCsv(csv.slice(UTF8_BOM.length));
    expect(header).toEqual([
      "nickname",
      "removed",
      "dataset",
      "lesson_step",
      "runs",
      "hidden",
      "learning_rate",
      "activation",
      "optimizer",
      "steps",
      "outcome",
      "final_loss_verified",
      "accuracy_verified",
      "reached_target",
      "steps_to_target_reported",
      "final_loss_reported",
      "accuracy_reported",
      "verification",
      "cells_passed",
      "time_in_class_s",
      "group",
    ]);
    expect(rows).toEqual([
      [
        "Chloé",
        "false",
        "xor",
        "",
        "1",
        "8",
        "0.3",
        "relu",
        "sgd",
        "2000",
        "finished",
        "0.2",
        "0.8",
        "false",
        "",
        "0.2",
        "0.8",
        "agree",
        "",
        "60",
        "",
      ],
      [
        "Chloé",
        "false",
        "circles",
        "",
        "1",
        "8",
        "0.3",
        "relu",
        "sgd",
        "2000",
        "finished",
        "0.1",
        "0.97",
        "true",
        "900",
        "0.1",
        "0.97",
        "agree",
        "",
        "60",
        "",
      ],
      ["'=cmd", "true", "", "", "0", "", "", "", "", "", "", "", "", "false", "", "", "", "", "", "30", ""],
    ]);
  });

  it("splits a lesson class's rows by step, shown from 1, each with its best run there", () => {
    const ada = participant("Ada", [
      run({ lessonStep: 0, startedAt: at(0), verifiedLoss: 0.6 }),
      run({ lessonStep: 2, startedAt: at(300), verifiedLoss: 0.3 }),
      run({ lessonStep: 2, startedAt: at(400), verifiedLoss: 0.1 }),
    ]);
    const [header, ...rows] = parseCsv(participantsCsv([ada], LIVE).slice(UTF8_BOM.length));
    const column = (name: string) => header?.indexOf(name) ?? -1;
    expect(
      rows.map((row) => [row[column("lesson_step")], row[column("runs")], row[column("final_loss_verified")]]),
    ).toEqual([
      ["1", "1", "0.6"],
      ["3", "2", "0.1"],
    ]);
  });
});
