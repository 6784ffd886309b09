/**
 * Judges one finished (and stored) run against the class's challenge and stores the verdict:
 * re-scores its final weights on the challenge's own points with the same core, reads the size
 * from the weights' shapes, and, when nothing else rules it out, replays the run from its config
 * and seed on the replay worker and compares the weights. Only then is it "verified".
 */
import {
  type ChallengeEntry,
  type ChallengeRunFacts,
  judgeChallengeRun,
  screenChallengeRun,
} from "../../lib/classroom/challenge";
import { isReplayMatch, weightDifference, weightsHidden } from "../../lib/classroom/challenge-replay";
import { PARTICIPANT_STATUS } from "../../lib/classroom/status";
import { compareRunFigures, initialRunLoss, RUN_VERDICT } from "../../lib/classroom/verification";
import { parameterCount } from "../../lib/ml/nn/parameter-count";
import type { Challenge } from "../../lib/protocol";
import type { PrismaClient } from "../db/client";
import type { FinishedRun } from "../realtime/class-room";
import { verifyRun } from "../runs/verify-run";
import { type ReplayFigures, recordChallengeEntry } from "./record-challenge-entry";
import type { ReplayQueue } from "./replay-queue";

/** The verdict and what the replay cost (null: not replayed). */
export type ChallengeRunVerdict = { entry: ChallengeEntry; replay: ReplayFigures };

/**
 * Judges `record` against `challenge` (see the file comment); pure but for the replay.
 *
 * @example const { entry } = await judgeFinishedRun(queue, challenge, record);
 */
export async function judgeFinishedRun(
  queue: ReplayQueue,
  challenge: Challenge,
  record: FinishedRun,
): Promise<ChallengeRunVerdict> {
  const { spec } = challenge;
  const { finish, config } = record;
  const weights = finish.weights;
  const hidden = weights ? weightsHidden(weights) : null;
  // The report is compared with the run's own points (as the class's verification does); the
  // challenge's accuracy is the weights' on the challenge's points.
  const ownScore = weights ? verifyRun(config, weights, record.edits) : null;
  const report = compareRunFigures({
    reported: { loss: finish.loss, accuracy: finish.accuracy },
    verified: ownScore,
    initialLoss: initialRunLoss(config),
    targetAccuracy: spec.minAccuracy,
  });
  const challengeScore = weights && hidden !== null ? verifyRun(spec, weights) : null;
  const facts: ChallengeRunFacts = {
    config,
    editCount: record.edits.length,
    steps: finish.step,
    isDiverged: record.status === PARTICIPANT_STATUS.diverged,
    weightsHidden: hidden,
    verifiedAccuracy: challengeScore?.accuracy ?? null,
    reportAgrees: ownScore !== null && report.verdict === RUN_VERDICT.agree,
    replay: null,
  };
  let replay: ReplayFigures = null;
  if (weights && screenChallengeRun(spec, facts).length === 0) {
    const outcome = await queue.replay({ config, steps: finish.step });
    if (outcome.status === "done") {
      replay = {
        difference: outcome.result.weights ? weightDifference(weights, outcome.result.weights) : Infinity,
        ms: outcome.ms,
      };
      facts.replay = isReplayMatch(weights, outcome.result.weights) ? "agree" : "disagree";
    } else {
      facts.replay = outcome.status;
    }
  }
  const { verdict, reasons } = judgeChallengeRun(spec, facts);
  const size = hidden ?? config.hidden;
  return {
    entry: {
      runId: record.runId,
      participantId: record.participantId,
      verdict,
      reasons,
      hidden: size,
      parameterCount: parameterCount(size),
      steps: finish.step,
      accuracy: challengeScore?.accuracy ?? null,
      finishedAt: record.finishedAt,
    },
    replay,
  };
}

/**
 * Judges and stores; resolves with the entry once its row committed (the board shows it only then).
 *
 * @example const entry = await verifyChallengeRun({ db, queue }, challenge, record);
 */
export async function verifyChallengeRun(
  deps: { db: PrismaClient; queue: ReplayQueue },
  challenge: Challenge,
  record: FinishedRun,
): Promise<ChallengeEntry> {
  const { entry, replay } = await judgeFinishedRun(deps.queue, challenge, record);
  await recordChallengeEntry(deps.db, challenge.id, entry, replay);
  return entry;
}
