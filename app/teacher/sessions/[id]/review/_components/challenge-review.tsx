import { CHALLENGE_REASON_TEXT, describeChallenge } from "@/lib/classroom/challenge";
import type { ChallengeReview } from "@/server/review/get-challenge-review";

const VERDICT_LABEL = { verified: "Verified", unverified: "Unverified", ineligible: "Not eligible" } as const;

/**
 * The review's challenges: for each, its rules, the final leaderboard of verified runs and the
 * runs that did not rank, with the server's reasons.
 */
export function ChallengeReviewList({ challenges }: { challenges: readonly ChallengeReview[] }) {
  return (
    <div className="space-y-4" data-testid="review-challenges">
      {challenges.map((challenge) => (
        <article
          key={challenge.id}
          className="card space-y-3 p-4"
          aria-label={`Challenge ${describeChallenge(challenge.spec)}`}
        >
          <h3 className="text-lg font-bold">{describeChallenge(challenge.spec)}</h3>
          <p className="text-sm text-slate-700">
            Set {new Date(challenge.setAt).toLocaleTimeString("en")}
            {challenge.closedAt !== null
              ? ` · closed ${new Date(challenge.closedAt).toLocaleTimeString("en")}`
              : " · open"}{" "}
            · {challenge.replays.count} runs replayed by the server
            {challenge.replays.maxMs !== null && ` (slowest ${challenge.replays.maxMs} ms)`}
          </p>
          {challenge.ranked.length === 0 ? (
            <p>No verified run.</p>
          ) : (
            <table className="w-full text-left">
              <caption className="sr-only">Leaderboard: smallest network first, then fewest steps, then time</caption>
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
                {challenge.ranked.map((row) => (
                  <tr key={row.runId} className="border-b border-slate-200">
                    <td className="font-mono font-bold">{row.rank}</td>
                    <td>{row.nickname}</td>
                    <td>
                      hidden {row.hidden} · {row.parameterCount} parameters
                    </td>
                    <td className="font-mono">{row.steps.toLocaleString("en-US")}</td>
                    <td className="font-mono">
                      {row.accuracy === null ? "—" : `${(row.accuracy * 100).toFixed(1)} %`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {challenge.unranked.length > 0 && (
            <div>
              <h4 className="font-semibold">Not ranked ({challenge.unranked.length})</h4>
              <ul className="text-sm">
                {challenge.unranked.map((entry) => (
                  <li key={entry.runId}>
                    <strong>{entry.nickname}</strong> —{" "}
                    <span className="font-semibold">{VERDICT_LABEL[entry.verdict]}</span>:{" "}
                    {entry.reasons.map((reason) => CHALLENGE_REASON_TEXT[reason]).join("; ")} (hidden {entry.hidden},{" "}
                    {entry.steps.toLocaleString("en-US")} steps)
                  </li>
                ))}
              </ul>
            </div>
          )}
        </article>
      ))}
    </div>
  );
}
