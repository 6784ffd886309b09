"use client";

// First: zod must be configured before any schema module below is evaluated.
import type { ReactNode } from "react";
import type { ClassState } from "@/lib/protocol";
import { SpotlightView } from "../_components/spotlight-view";
import { tileName } from "../_lib/dashboard-state";
import { useClassFeed } from "../_lib/use-class-feed";

/**
 * The spotlit map on a projector: with the title and the one-line join reminder above it, 340 px
 * still fits a 1280 × 720 projector without scrolling.
 */
const PROJECTOR_MAP_PX = 340;

type PresentLiveProps = {
  classId: string;
  initialClass: ClassState;
  initialTotal: number;
  /** The big code, URL and QR code (server-rendered), shown while nobody is spotlit. */
  children: ReactNode;
  /** The same in one line, kept on screen above a spotlit student. */
  joinLine: ReactNode;
};

/**
 * The projector's live part, read-only: the number of students as they join, and the student
 * the teacher spotlights from the dashboard, large.
 */
export function PresentLive({ classId, initialClass, initialTotal, children, joinLine }: PresentLiveProps) {
  const { state, status } = useClassFeed(classId, initialClass, initialTotal);
  const { counts, classState } = state;
  const spotlit = classState.spotlightId ? state.tiles.get(classState.spotlightId) : undefined;
  const total = counts.total;
  return (
    <div className={`flex w-full flex-col items-center ${spotlit ? "gap-3" : "gap-6"}`}>
      {spotlit ? joinLine : children}
      <p
        className={spotlit ? "text-xl md:text-2xl" : "text-2xl md:text-4xl"}
        data-testid="student-count"
        aria-live="polite"
      >
        <span className="font-bold">{total}</span> {total === 1 ? "student" : "students"} joined
        {classState.isEnded && <span className="ml-3 font-semibold">· session ended</span>}
        {!classState.isEnded && !classState.isJoinOpen && <span className="ml-3 font-semibold">· joining closed</span>}
      </p>
      {status === "reconnecting" && <p className="text-slate-700">Connection lost — reconnecting…</p>}
      {spotlit && (
        <section aria-labelledby="present-spotlight" className="card w-full p-4 text-left">
          <h2 id="present-spotlight" className="mb-2 text-3xl font-bold">
            {tileName(spotlit, classState.isAnonymized)}
          </h2>
          <SpotlightView
            tile={spotlit}
            version={spotlit.version}
            name={tileName(spotlit, classState.isAnonymized)}
            settings={classState.settings}
            mapSize={PROJECTOR_MAP_PX}
          />
        </section>
      )}
    </div>
  );
}
