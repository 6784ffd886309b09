"use client";

import { type FormEvent, useState } from "react";
import {
  CHALLENGE_REASON_TEXT,
  CHALLENGE_VERDICT,
  type ChallengeEntry,
  type ChallengeSpec,
  challengeSpecSchema,
  describeChallenge,
} from "@/lib/classroom/challenge";
import { DATASETS, OPTIMIZERS } from "@/lib/classroom/names";
import { HIDDEN_MAX, HIDDEN_MIN, NOISE_MAX, STEPS_MAX } from "@/lib/classroom/settings";
import type { ChallengeBoard } from "@/lib/protocol";
import { type ChallengeFeed, useBoardName, useChallengeBoard } from "../_lib/challenge-feed";
import { useClassState } from "../_lib/use-class-store";

type ChallengePanelProps = {
  challenges: ChallengeFeed;
  isLocked: boolean;
  /**
   * Where this copy sits: the dashboard puts one above the tiles, shown while a challenge runs,
   * and one below them, shown while none does (the tiles keep their place on the first screen).
   */
  showWhen: "open" | "none";
};

const VERDICT_LABEL = { [CHALLENGE_VERDICT.unverified]: "Unverified", [CHALLENGE_VERDICT.ineligible]: "Not eligible" };

/**
 * The dashboard's challenge panel: a form to set one (dataset, accuracy ≥, hidden ≤, optionally
 * steps ≤ and the optimizers allowed), the live leaderboard of verified runs, and the runs that do
 * not rank with the server's reasons.
 */
export function ChallengePanel({ challenges, isLocked, showWhen }: ChallengePanelProps) {
  const board = useChallengeBoard(challenges);
  const { settings } = useClassState();
  const nameOf = useBoardName();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const challenge = board?.challenge ?? null;

  async function send(spec: ChallengeSpec | null) {
    setIsPending(true);
    const ack = await challenges.send(spec);
    setError(ack.ok ? null : ack.error.message);
    setIsPending(false);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const steps = String(form.get("maxSteps") ?? "").trim();
    const parsed = challengeSpecSchema.safeParse({
      dataset: form.get("dataset"),
      noise: Number(form.get("noise")),
      dataSeed: Number(form.get("dataSeed")),
      minAccuracy: Number(form.get("minPercent")) / 100,
      maxHidden: Number(form.get("maxHidden")),
      maxSteps: steps === "" ? null : Number(steps),
      optimizers: form.getAll("optimizers"),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError(`${issue?.path.join(".") || "challenge"}: ${issue?.message ?? "invalid"}`);
      return;
    }
    void send(parsed.data);
  }

  if ((challenge ? "open" : "none") !== showWhen) return null;
  const input = "field-input py-1";
  return (
    <section aria-labelledby="challenge-heading" className="card space-y-2 px-4 py-2" data-testid="challenge-panel">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="challenge-heading" className="text-lg font-bold">
          Challenge{!challenge && <span className="font-normal text-slate-700"> · none set</span>}
        </h2>
        {challenge && (
          <button type="button" className="btn-secondary" disabled={isLocked || isPending} onClick={() => send(null)}>
            Close challenge
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-2 py-1 text-sm text-red-800">
          {error}
        </p>
      )}
      {challenge && (
        <p className="font-semibold" data-testid="challenge-rules">
          {describeChallenge(challenge.spec)}
        </p>
      )}
      {board && challenge && <Leaderboard board={board} nameOf={nameOf} />}
      {/* Folded until asked for: one line while no challenge runs, so the tiles stay near the top. */}
      <details>
        <summary className="cursor-pointer font-semibold">
          {challenge ? "Set a new challenge" : "Set a challenge: the smallest verified network wins"}
        </summary>
        <form onSubmit={submit} className="mt-3 space-y-3" aria-label="Set a challenge">
          <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
            <label className="field-label">
              Challenge data set
              <select name="dataset" defaultValue={settings.dataset} className={input}>
                {DATASETS.map((name) => (
                  <option key={name}>{name}</option>
                ))}
              </select>
            </label>
            <label className="field-label">
              Challenge noise
              <input
                name="noise"
                type="number"
                step="0.01"
                min={0}
                max={NOISE_MAX}
                defaultValue={settings.noise}
                className={input}
              />
            </label>
            <label className="field-label">
              Challenge data seed
              <input
                name="dataSeed"
                type="number"
                step="1"
                min={0}
                defaultValue={settings.dataSeed}
                className={input}
              />
            </label>
            <label className="field-label">
              Accuracy at least (%)
              <input
                name="minPercent"
                type="number"
                step="0.5"
                min={50}
                max={100}
                defaultValue={Math.round(settings.targetAccuracy * 100)}
                className={input}
              />
            </label>
            <label className="field-label">
              Hidden units at most
              <input
                name="maxHidden"
                type="number"
                step="1"
                min={HIDDEN_MIN}
                max={HIDDEN_MAX}
                defaultValue={4}
                className={input}
              />
            </label>
            <label className="field-label">
              Steps at most (optional)
              <input
                name="maxSteps"
                type="number"
                step="1"
                min={1}
                max={STEPS_MAX}
                placeholder="any"
                className={input}
              />
            </label>
          </div>
          <fieldset className="flex flex-wrap items-center gap-4">
            <legend className="font-semibold">Optimizers allowed</legend>
            {OPTIMIZERS.map((name) => (
              <label key={name} className="flex items-center gap-1">
                <input type="checkbox" name="optimizers" value={name} defaultChecked /> {name}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="btn-primary" disabled={isLocked || isPending}>
            {challenge ? "Replace the challenge" : "Set challenge"}
          </button>
        </form>
      </details>
    </section>
  );
}

function Leaderboard({ board, nameOf }: { board: ChallengeBoard; nameOf: (participantId: string) => string }) {
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700" aria-live="polite" data-testid="challenge-progress">
        {board.ranked.length} verified · {board.judged} runs checked
        {board.pending > 0 && ` · checking ${board.pending} more…`}
      </p>
      {board.ranked.length === 0 ? (
        <p className="text-slate-700">No verified run yet.</p>
      ) : (
        <table className="w-full text-left" data-testid="leaderboard">
          <caption className="sr-only">Leaderboard: verified runs, smallest network first, then fewest steps</caption>
          <thead>
            <tr className="border-b">
              <th scope="col">Rank</th>
              <th scope="col">Student</th>
              <th scope="col">Network</th>
              <th scope="col">Steps</th>
              <th scope="col">Accuracy</th>
            </tr>
          </thead>
          <tbody>
            {board.ranked.map((row) => (
              <tr key={row.runId} className="border-b border-slate-200">
                <td className="font-mono font-bold">{row.rank}</td>
                <td>{nameOf(row.participantId)}</td>
                <td>
                  hidden {row.hidden} · {row.parameterCount} parameters
                </td>
                <td className="font-mono">{row.steps.toLocaleString("en-US")}</td>
                <td className="font-mono">{formatAccuracy(row.accuracy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {board.unranked.length > 0 && (
        <div>
          <h3 className="font-semibold">Not ranked</h3>
          <ul className="text-sm" data-testid="challenge-unranked">
            {board.unranked.map((entry) => (
              <UnrankedRun key={entry.runId} entry={entry} name={nameOf(entry.participantId)} />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function UnrankedRun({ entry, name }: { entry: ChallengeEntry; name: string }) {
  const label = entry.verdict === CHALLENGE_VERDICT.verified ? "" : VERDICT_LABEL[entry.verdict];
  return (
    <li>
      <strong>{name}</strong> — <span className="font-semibold">{label}</span>:{" "}
      {entry.reasons.map((reason) => CHALLENGE_REASON_TEXT[reason]).join("; ")}
    </li>
  );
}

function formatAccuracy(accuracy: number | null): string {
  return accuracy === null ? "—" : `${(accuracy * 100).toFixed(1)} %`;
}
