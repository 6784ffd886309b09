"use client";

// First: zod must be configured before any schema module below is evaluated.
import { useRouter } from "next/navigation";
import { type ReactNode, useEffect } from "react";
import type { ClassState } from "@/lib/protocol";
import type { ClassSummary } from "@/lib/review/summary";
import { ConsensusView } from "../_components/consensus-view";
import { SpotlightView } from "../_components/spotlight-view";
import { type CompareStore, useConsensus, useTray } from "../_lib/compare-store";
import { tileName } from "../_lib/dashboard-state";
import { type FeedStatus, useClassFeed } from "../_lib/use-class-feed";
import {
  ClassStoreProvider,
  useClassCounts,
  useClassNetwork,
  useClassState,
  useClassTile,
} from "../_lib/use-class-store";
import { ClassSummaryView } from "./class-summary-view";
import { CompareCards } from "./compare-view";
import { PresentGroups } from "./present-groups";
import { useViewport } from "./use-viewport";

/**
 * The spotlight's share of the window: the map takes 60 % of the height (less on a narrow
 * window), the chart what is left of the map's height under the figures and the two rows of
 * configuration, with the network diagram between. At 1280 × 720 that is a 384 px map, a 256 px diagram and a 184 px chart.
 */
const MAP_HEIGHT_SHARE = 0.6;
/** 30 % of the width: the network diagram and the figures share the rest (issue 15). */
const MAP_WIDTH_SHARE = 0.3;
const MIN_MAP_PX = 160;
/** Figures line, two rows of configuration and the gaps between them, beside the map. */
const BESIDE_CHART_PX = 200;
const MIN_CHART_PX = 120;
/** The network diagram beside the map: a quarter of the width, within what its thumbnails need. */
const NETWORK_WIDTH_SHARE = 0.2;
const MIN_NETWORK_PX = 200;
const MAX_NETWORK_PX = 320;
/** The diagram's heading, readout and legend around it, so the whole view is no taller than the map. */
const AROUND_DIAGRAM_PX = 120;
/** The consensus maps' share of the height: two maps, their captions and legends under the title and join line. */
const CONSENSUS_HEIGHT_SHARE = 0.44;
/** After the end, how often to ask the server again while its summary is not written yet. */
const SUMMARY_RETRY_MS = 1000;

type PresentLiveProps = {
  classId: string;
  initialClass: ClassState;
  initialTotal: number;
  /** The ended class's summary, or null while live (or before the end reached the database). */
  summary: ClassSummary | null;
  /** The big code, URL and QR code (server-rendered), shown while nobody is spotlit. */
  children: ReactNode;
  /** The same in one line, kept on screen above a spotlit student. */
  joinLine: ReactNode;
};

/**
 * The projector's live part, read-only: the number of students as they join, the student the
 * teacher spotlights from the dashboard, large, and after the end the class's summary (the page
 * is re-rendered by the server for it: the figures are the stored, verified ones).
 */
export function PresentLive({ classId, initialClass, initialTotal, ...view }: PresentLiveProps) {
  const { store, status, compare } = useClassFeed(classId, initialClass, initialTotal);
  return (
    <ClassStoreProvider store={store}>
      <PresentLiveView status={status} compareStore={compare} {...view} />
    </ClassStoreProvider>
  );
}

type PresentLiveViewProps = Pick<PresentLiveProps, "summary" | "children" | "joinLine"> & {
  status: FeedStatus;
  compareStore: CompareStore;
};

/** The projector's live part inside its store: re-renders with the class, its counts and the spotlit student. */
function PresentLiveView({ status, compareStore, summary, children, joinLine }: PresentLiveViewProps) {
  const tray = useTray(compareStore);
  const consensus = useConsensus(compareStore);
  const router = useRouter();
  const viewport = useViewport();
  const classState = useClassState();
  const counts = useClassCounts();
  const spotlit = useClassTile(classState.spotlightId);
  const network = useClassNetwork();
  const total = counts.total;
  const isEnded = classState.isEnded;

  useEffect(() => {
    if (!isEnded || summary) return;
    // The end is written right after it is announced: ask again until the summary is there.
    router.refresh();
    const timer = setInterval(() => router.refresh(), SUMMARY_RETRY_MS);
    return () => clearInterval(timer);
  }, [isEnded, summary, router]);

  const mapSize = Math.max(
    MIN_MAP_PX,
    Math.round(Math.min(viewport.height * MAP_HEIGHT_SHARE, viewport.width * MAP_WIDTH_SHARE)),
  );
  const chartHeight = Math.max(MIN_CHART_PX, mapSize - BESIDE_CHART_PX);
  const networkWidth = Math.round(
    Math.min(MAX_NETWORK_PX, Math.max(MIN_NETWORK_PX, viewport.width * NETWORK_WIDTH_SHARE)),
  );
  // Issue 16: snapshots side by side, or the class consensus, in place of the join code (the spotlight wins).
  const compare = !spotlit && !isEnded && classState.compare && tray ? classState.compare : null;
  const isConsensusShown = !spotlit && !isEnded && !compare && (classState.isConsensusShown ?? false);
  const isWide = Boolean(spotlit || compare || isConsensusShown);
  const main = spotlit ? null : compare ? (
    <CompareCards
      compare={compare}
      snapshots={tray?.snapshots ?? []}
      isAnonymized={classState.isAnonymized}
      viewport={viewport}
    />
  ) : isConsensusShown ? (
    <section aria-labelledby="present-consensus" className="w-full" data-testid="present-consensus">
      <h2 id="present-consensus" className="mb-[1vh] text-[clamp(1.5rem,4.5vh,3rem)] leading-tight font-bold">
        What the class's models say
      </h2>
      <ConsensusView
        consensus={consensus}
        settings={classState.settings}
        mapSize={Math.round(Math.min(viewport.height * CONSENSUS_HEIGHT_SHARE, viewport.width * 0.4))}
        isLarge
      />
    </section>
  ) : isEnded ? (
    summary ? (
      <ClassSummaryView summary={summary} isAnonymized={classState.isAnonymized} />
    ) : (
      <p className="text-[4vh] font-semibold">Session ended — the summary is on its way…</p>
    )
  ) : (
    children
  );
  return (
    <div className={`flex w-full flex-col items-center ${isWide ? "gap-[1vh]" : "gap-[2vh]"}`}>
      {isWide && !isEnded ? joinLine : null}
      {main}
      <p
        className={isWide ? "text-[clamp(1rem,2.8vh,2rem)]" : "text-[clamp(1.25rem,4vh,3rem)]"}
        data-testid="student-count"
        aria-live="polite"
      >
        <span className="font-bold">{total}</span> {total === 1 ? "student" : "students"} joined
        {isEnded && <span className="ml-3 font-semibold">· session ended</span>}
        {!isEnded && !classState.isJoinOpen && <span className="ml-3 font-semibold">· joining closed</span>}
      </p>
      {status === "reconnecting" && <p className="text-slate-700">Connection lost — reconnecting…</p>}
      {/* Snapshots side by side or the consensus take the screen the groups would share. */}
      {classState.experiment && !spotlit && !isEnded && !compare && !isConsensusShown ? (
        <PresentGroups experiment={classState.experiment} chartHeight={chartHeight} />
      ) : null}
      {spotlit && (
        <section
          aria-labelledby="present-spotlight"
          className="card w-full p-[2vh] text-left"
          data-testid="present-spotlight"
        >
          <h2 id="present-spotlight" className="mb-[1vh] text-[clamp(1.5rem,4.5vh,3rem)] leading-tight font-bold">
            {tileName(spotlit, classState.isAnonymized)}
          </h2>
          <SpotlightView
            tile={spotlit}
            name={tileName(spotlit, classState.isAnonymized)}
            settings={classState.settings}
            mapSize={mapSize}
            chartHeight={chartHeight}
            isCompact
            network={network}
            networkMaxWidth={networkWidth}
            networkMaxHeight={mapSize - AROUND_DIAGRAM_PX}
          />
        </section>
      )}
    </div>
  );
}
