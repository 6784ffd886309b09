"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useState } from "react";
import { CLASS_CONTROL, type ClassState } from "@/lib/protocol";
import { SORT_KEYS, type SortKey, sortTiles, tileName } from "../_lib/dashboard-state";
import { useClassFeed } from "../_lib/use-class-feed";
import { useSteadyOrder } from "../_lib/use-steady-order";
import { CellCounts } from "./cell-counts";
import { ChallengePanel } from "./challenge-panel";
import { ClassControls } from "./class-controls";
import { ClassCounts } from "./class-counts";
import { FeedStatusLine } from "./feed-status";
import { LessonPacing } from "./lesson-pacing";
import { OverlayChart } from "./overlay-chart";
import { SpotlightView } from "./spotlight-view";
import { TileGrid } from "./tile-grid";
import { WaitingList } from "./waiting-list";

const SORT_LABELS: Record<SortKey, string> = { joined: "Join time", loss: "Loss (lowest first)", name: "Name" };
/** The spotlit map on the dashboard: large enough to read from the back of a room. */
const SPOTLIGHT_MAP_PX = 320;

function toSortKey(value: string): SortKey {
  return SORT_KEYS.find((key) => key === value) ?? "joined";
}

type DashboardProps = {
  classId: string;
  joinCode: string;
  initialClass: ClassState;
  initialTotal: number;
};

/** The teacher's live dashboard: counts, controls, the overlay chart and one tile per student. */
export function Dashboard({ classId, joinCode, initialClass, initialTotal }: DashboardProps) {
  const feed = useClassFeed(classId, initialClass, initialTotal);
  const { state, version, status, sendControl, sendPacing, board, sendChallenge } = feed;
  const [sortKey, setSortKey] = useState<SortKey>("joined");
  const [tileError, setTileError] = useState<string | null>(null);
  const { classState, counts } = state;
  const { isAnonymized, spotlightId, isEnded } = classState;
  const isConnected = status === "live";

  // biome-ignore lint/correctness/useExhaustiveDependencies: tiles are mutated in place; version says when they changed
  const sorted = useMemo(
    () => sortTiles(state.tiles.values(), sortKey, isAnonymized),
    [state, version, sortKey, isAnonymized],
  );
  const tiles = useSteadyOrder(sorted, sortKey);
  const spotlit = spotlightId ? state.tiles.get(spotlightId) : undefined;

  const sendTileControl = useCallback(
    async (label: string, command: Parameters<typeof sendControl>[0]) => {
      const ack = await sendControl(command);
      setTileError(ack.ok ? null : `${label}: ${ack.error.message}`);
    },
    [sendControl],
  );
  const spotlight = useCallback(
    (id: string | null) => sendTileControl("Spotlight", { type: CLASS_CONTROL.spotlight, participantId: id }),
    [sendTileControl],
  );
  const onSpotlight = useCallback(
    (id: string) => spotlight(state.classState.spotlightId === id ? null : id),
    [spotlight, state],
  );
  const onRemove = useCallback(
    (id: string, name: string) => {
      if (!window.confirm(`Remove ${name} from the class? Their tile goes and they cannot rejoin with this browser.`))
        return;
      void sendTileControl("Remove", { type: CLASS_CONTROL.remove, participantId: id });
    },
    [sendTileControl],
  );

  useEffect(() => {
    if (!spotlightId) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") void spotlight(null);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [spotlightId, spotlight]);

  if (status === "notFound") {
    return (
      <div className="card" role="alert">
        <h1 className="text-2xl font-bold">Session not found</h1>
        <p className="mt-2 text-slate-700">This class does not exist or is not yours.</p>
        <Link href="/teacher" className="btn-secondary mt-4">
          Back to your classes
        </Link>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">{classState.title}</h1>
          <p className="text-lg">
            Join code{" "}
            <span className="font-mono text-2xl font-black tracking-widest" data-testid="join-code">
              {joinCode}
            </span>
            {isEnded && <strong className="ml-3 rounded bg-slate-900 px-2 py-0.5 text-white">Session ended</strong>}
          </p>
          <FeedStatusLine status={status} isEnded={isEnded} />
          {feed.lastError && (
            <p role="alert" className="text-sm font-medium text-red-800">
              <span aria-hidden="true">⚠ </span>
              {feed.lastError}
            </p>
          )}
        </div>
        <div className="flex flex-wrap gap-2">
          <Link href={`/teacher/sessions/${classId}/present`} className="btn-secondary" target="_blank">
            Projector view
          </Link>
          <Link href={`/teacher/sessions/${classId}/review`} className="btn-secondary">
            Review
          </Link>
          <Link href="/teacher" className="btn-secondary">
            All classes
          </Link>
        </div>
      </header>

      <ClassCounts counts={counts} />
      <CellCounts tiles={state.tiles} version={version} total={counts.total} />
      <ClassControls classState={classState} isConnected={isConnected} sendControl={sendControl} />
      <WaitingList classState={classState} isConnected={isConnected} sendControl={sendControl} />
      {classState.lesson && (
        <LessonPacing
          lesson={classState.lesson}
          tiles={state.tiles}
          version={version}
          isLocked={!isConnected || isEnded}
          sendPacing={sendPacing}
        />
      )}

      {spotlit && (
        <section aria-labelledby="spotlight-heading" className="card border-warm-500 p-4">
          <div className="mb-3 flex items-center justify-between gap-2">
            <h2 id="spotlight-heading" className="text-2xl font-bold">
              Spotlight: {tileName(spotlit, isAnonymized)}
            </h2>
            <button type="button" className="btn-secondary" onClick={() => void spotlight(null)}>
              Close spotlight <span className="ml-1 text-sm text-slate-600">(Esc)</span>
            </button>
          </div>
          <SpotlightView
            tile={spotlit}
            version={spotlit.version}
            name={tileName(spotlit, isAnonymized)}
            settings={classState.settings}
            mapSize={SPOTLIGHT_MAP_PX}
            network={feed.network}
          />
        </section>
      )}

      <ChallengePanel
        board={board}
        settings={classState.settings}
        nameOf={(id) => {
          const tile = state.tiles.get(id);
          return tile ? tileName(tile, isAnonymized) : "A student who left";
        }}
        isLocked={!isConnected || isEnded}
        sendChallenge={sendChallenge}
      />

      <OverlayChart state={state} spotlightId={spotlightId} />

      <section aria-labelledby="tiles-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="tiles-heading" className="text-xl font-bold">
            Students <span className="font-mono">({counts.total})</span>
          </h2>
          <label className="flex items-center gap-2 font-semibold">
            Sort by
            <select
              className="field-input mt-0 w-auto py-1"
              value={sortKey}
              onChange={(event) => setSortKey(toSortKey(event.target.value))}
            >
              {SORT_KEYS.map((key) => (
                <option key={key} value={key}>
                  {SORT_LABELS[key]}
                </option>
              ))}
            </select>
          </label>
        </div>
        {tileError && (
          <p
            role="alert"
            className="rounded border border-red-300 bg-red-50 px-2 py-1 text-sm font-medium text-red-800"
          >
            {tileError}
          </p>
        )}
        {tiles.length === 0 ? (
          <p className="card text-lg text-slate-700">
            No students yet. Share the code {joinCode} or open the projector view.
          </p>
        ) : (
          <TileGrid
            tiles={tiles}
            isAnonymized={isAnonymized}
            spotlightId={spotlightId}
            canRemove={isConnected && !isEnded}
            onSpotlight={onSpotlight}
            onRemove={onRemove}
          />
        )}
      </section>
    </div>
  );
}
