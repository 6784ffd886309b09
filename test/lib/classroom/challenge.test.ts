import { describe, expect, it } from "vitest";
import {
  CHALLENGE_REASON,
  type ChallengeEntry,
  type ChallengeRunFacts,
  type ChallengeSpec,
  challengeSpecSchema,
  describeChallenge,
  judgeChallengeRun,
  rankChallengeBoard,
  screenChallengeRun,
} from "@/lib/classroom/challenge";

const SPEC: ChallengeSpec = challengeSpecSchema.parse({
  dataset: "xor",
  noise: 0.3,
  dataSeed: 42,
  minAccuracy: 0.95,
  maxHidden: 4,
  maxSteps: 2000,
  optimizers: ["sgd", "adam"],
});

function facts(overrides: Partial<ChallengeRunFacts> = {}): ChallengeRunFacts {
  return {
    config: { dataset: "xor", noise: 0.3, dataSeed: 42, hidden: 4, optimizer: "sgd" },
    editCount: 0,
    steps: 1500,
    isDiverged: false,
    weightsHidden: 4,
    verifiedAccuracy: 0.97,
    reportAgrees: true,
    replay: "agree",
    ...overrides,
  };
}

function entry(overrides: Partial<ChallengeEntry>): ChallengeEntry {
  return {
    runId: "r",
    participantId: "p",
    verdict: "verified",
    reasons: [],
    hidden: 4,
    parameterCount: 17,
    steps: 1000,
    accuracy: 0.97,
    finishedAt: 1_000,
    ...overrides,
  };
}

describe("challengeSpecSchema", () => {
  it("fills optional rules (any steps, every optimizer) and refuses a hidden limit above 32", () => {
    const spec = challengeSpecSchema.parse({ dataset: "xor", noise: 0.3, dataSeed: 1, minAccuracy: 0.9, maxHidden: 2 });
    expect(spec.maxSteps).toBeNull();
    expect(spec.optimizers).toEqual(["sgd", "momentum", "adam"]);
    expect(challengeSpecSchema.safeParse({ ...spec, maxHidden: 33 }).success).toBe(false);
    expect(challengeSpecSchema.safeParse({ ...spec, optimizers: [] }).success).toBe(false);
    expect(challengeSpecSchema.safeParse({ ...spec, minAccuracy: 0.2 }).success).toBe(false);
  });

  it("describes the rules in words", () => {
    expect(describeChallenge(SPEC)).toBe("xor: accuracy ≥ 95 %, hidden ≤ 4, steps ≤ 2,000, optimizers sgd, adam");
  });
});

describe("judgeChallengeRun", () => {
  it("verifies an honest run inside every rule whose replay agreed", () => {
    expect(judgeChallengeRun(SPEC, facts())).toEqual({ verdict: "verified", reasons: [] });
  });

  it("never verifies a run that was not replayed, or whose replay disagreed, failed or was refused", () => {
    expect(judgeChallengeRun(SPEC, facts({ replay: null }))).toEqual({
      verdict: "unverified",
      reasons: [CHALLENGE_REASON.replayFailed],
    });
    expect(judgeChallengeRun(SPEC, facts({ replay: "disagree" }))).toEqual({
      verdict: "unverified",
      reasons: [CHALLENGE_REASON.replayMismatch],
    });
    expect(judgeChallengeRun(SPEC, facts({ replay: "busy" })).reasons).toEqual([CHALLENGE_REASON.replayBusy]);
  });

  it("calls a forged report unverified even when the replay was not needed to tell", () => {
    const judged = judgeChallengeRun(SPEC, facts({ reportAgrees: false, replay: null }));
    expect(judged).toEqual({ verdict: "unverified", reasons: [CHALLENGE_REASON.reportMismatch] });
  });

  it("reads the size from the weights: 8 units sent for a hidden-4 config are too big and do not match", () => {
    const judged = judgeChallengeRun(SPEC, facts({ weightsHidden: 8, replay: null }));
    expect(judged.verdict).toBe("unverified");
    expect(judged.reasons).toEqual([CHALLENGE_REASON.shapeMismatch, CHALLENGE_REASON.overSize]);
    const honestBig = judgeChallengeRun(SPEC, facts({ config: { ...facts().config, hidden: 8 }, weightsHidden: 8 }));
    expect(honestBig).toEqual({ verdict: "ineligible", reasons: [CHALLENGE_REASON.overSize] });
  });

  it("rules out edited data, other data, too many steps, a forbidden optimizer, low accuracy and divergence", () => {
    const cases: [Partial<ChallengeRunFacts>, string][] = [
      [{ editCount: 1 }, CHALLENGE_REASON.editedData],
      [{ config: { ...facts().config, dataSeed: 7 } }, CHALLENGE_REASON.otherData],
      [{ config: { ...facts().config, noise: 0.31 } }, CHALLENGE_REASON.otherData],
      [{ steps: 2001 }, CHALLENGE_REASON.overSteps],
      [{ config: { ...facts().config, optimizer: "momentum" } }, CHALLENGE_REASON.optimizer],
      [{ verifiedAccuracy: 0.949 }, CHALLENGE_REASON.belowAccuracy],
      [{ verifiedAccuracy: null }, CHALLENGE_REASON.belowAccuracy],
      [{ isDiverged: true }, CHALLENGE_REASON.diverged],
    ];
    for (const [override, reason] of cases) {
      const judged = judgeChallengeRun(SPEC, facts(override));
      expect(judged, reason).toEqual({ verdict: "ineligible", reasons: [reason] });
      // Cheap reasons are found before any replay: such a run is never replayed.
      expect(screenChallengeRun(SPEC, facts(override))).toEqual([reason]);
    }
  });

  it("allows any number of steps when the challenge sets no limit", () => {
    const open = { ...SPEC, maxSteps: null };
    expect(judgeChallengeRun(open, facts({ steps: 20_000 })).verdict).toBe("verified");
  });
});

describe("rankChallengeBoard", () => {
  it("ranks verified runs only: smallest network, then fewest steps, then the earlier finish", () => {
    const board = rankChallengeBoard([
      entry({ runId: "a", participantId: "ada", parameterCount: 17, steps: 900, finishedAt: 5 }),
      entry({ runId: "b", participantId: "bo", parameterCount: 9, steps: 1500, finishedAt: 9 }),
      entry({ runId: "c", participantId: "cy", parameterCount: 17, steps: 900, finishedAt: 3 }),
      entry({ runId: "d", participantId: "di", parameterCount: 3, verdict: "unverified", reasons: ["replayMismatch"] }),
      entry({ runId: "e", participantId: "ed", parameterCount: 3, verdict: "ineligible", reasons: ["editedData"] }),
    ]);
    expect(board.map((row) => [row.rank, row.runId])).toEqual([
      [1, "b"],
      [2, "c"],
      [3, "a"],
    ]);
  });

  it("lists each student once, with their best verified run", () => {
    const board = rankChallengeBoard([
      entry({ runId: "first", participantId: "ada", parameterCount: 17 }),
      entry({ runId: "better", participantId: "ada", parameterCount: 9 }),
      entry({ runId: "worse", participantId: "ada", parameterCount: 33 }),
    ]);
    expect(board).toHaveLength(1);
    expect(board[0]).toMatchObject({ rank: 1, runId: "better" });
  });
});
