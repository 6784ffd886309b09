"use client";

import { describeChallenge } from "@/lib/classroom/challenge";
import type { ChallengeBoard } from "@/lib/protocol";
import { useBoardName } from "../_lib/challenge-feed";

const PLACES = ["1st", "2nd", "3rd"] as const;
/** Podium heights, first place tallest; the place is also written, so height is never the only signal. */
const STEP_HEIGHTS = ["h-[22vh]", "h-[15vh]", "h-[10vh]"] as const;
/** Second, first, third from left to right, as on a podium. */
const PODIUM_ORDER = [1, 0, 2] as const;

/**
 * The projector's podium: the challenge's top three verified runs (names as the tiles show them,
 * so "Student N" while anonymized), each with its network size and steps.
 */
export function ChallengePodium({ board }: { board: ChallengeBoard }) {
  const nameOf = useBoardName();
  const challenge = board.challenge;
  if (!challenge) return null;
  const top = board.ranked.slice(0, 3);
  return (
    <section aria-labelledby="podium-heading" className="card w-full p-[2vh] text-center" data-testid="podium">
      <h2 id="podium-heading" className="text-[clamp(1.25rem,4vh,2.5rem)] font-bold">
        Challenge: {describeChallenge(challenge.spec)}
      </h2>
      {top.length === 0 ? (
        <p className="mt-[1vh] text-[clamp(1rem,3vh,2rem)]">No verified run yet — smallest network wins.</p>
      ) : (
        <ol className="mt-[2vh] flex items-end justify-center gap-[2vw]">
          {PODIUM_ORDER.filter((index) => top[index]).map((index) => {
            const row = top[index];
            if (!row) return null;
            return (
              <li key={row.runId} className="flex w-[22vw] flex-col items-center" data-testid={`podium-${index + 1}`}>
                <span className="text-[clamp(1rem,3.2vh,2.2rem)] leading-tight font-bold">
                  {nameOf(row.participantId)}
                </span>
                <span className="text-[clamp(0.9rem,2.4vh,1.6rem)]">
                  hidden {row.hidden} · {row.parameterCount} parameters · {row.steps.toLocaleString("en-US")} steps
                </span>
                <span
                  className={`mt-[1vh] flex w-full items-start justify-center rounded-t-lg border-2 border-slate-900 bg-slate-100 pt-[1vh] text-[clamp(1.25rem,4vh,3rem)] font-black ${STEP_HEIGHTS[index]}`}
                >
                  {PLACES[index]}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
