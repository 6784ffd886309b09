"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { AttentionKind } from "@/lib/classroom/attention";
import {
  CLASS_CONTROL,
  type ClassState,
  SNAPSHOT_CONTROL,
  SNAPSHOT_WEIGHTS,
  type SnapshotWeightsStatus,
} from "@/lib/protocol";
import { SORT_KEYS, type SortKey } from "../_lib/dashboard-state";
import { formatMissingNetwork } from "../_lib/format";
import { type ClassFeed, useClassFeed } from "../_lib/use-class-feed";
import { ClassStoreProvider, useClassCounts, useClassState } from "../_lib/use-class-store";
import { useSortedIds } from "../_lib/use-steady-order";
import { AttentionFilter, onlyNeedingAttention, useNeedingAttention } from "./attention-filter";
import { CellCounts } from "./cell-counts";
import { ChallengePanel } from "./challenge-panel";
import { ClassControls } from "./class-controls";
import { ClassCounts } from "./class-counts";
import { ConsensusPanel } from "./consensus-panel";
import { DashboardSpotlight } from "./dashboard-spotlight";
import { FeedStatusLine } from "./feed-status";
import { GroupExperimentForm } from "./group-experiment-form";
import { LessonPacing } from "./lesson-pacing";
import { OverlayChart } from "./overlay-chart";
import { SnapshotTray } from "./snapshot-tray";
import { TileGrid } from "./tile-grid";
import { WaitingList } from "./waiting-list";

/** Snapshot outcomes worth no word after the take: it has its network view, or there was no run to show. */
const SHOWS_NETWORK_OR_NO_RUN: ReadonlySet<SnapshotWeightsStatus> = new Set([
  SNAPSHOT_WEIGHTS.held,
  SNAPSHOT_WEIGHTS.fetched,
  SNAPSHOT_WEIGHTS.noRun,
]);

const SORT_LABELS: Record<SortKey, string> = {
  joined: "Join time",
  loss: "Loss (lowest first)",
  name: "Name",
  attention: "Flags (most urgent first)",
};

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
  return (
    <ClassStoreProvider store={feed.store}>
      <DashboardView classId={classId} joinCode={joinCode} feed={feed} />
    </ClassStoreProvider>
  );
}

/**
 * The dashboard inside its store: re-renders when the class state, the counts or the order of
 * the tiles change; every tile, the overlay and the spotlight listen to their own slice.
 */
function DashboardView({ classId, joinCode, feed }: { classId: string; joinCode: string; feed: ClassFeed }) {
  const { store, status, sendControl, sendPacing, sendAttentionSeen, sendSnapshot, compare } = feed;
  const [sortKey, setSortKey] = useState<SortKey>("joined");
  const [isAttentionOnly, setAttentionOnly] = useState(false);
  const [tileError, setTileError] = useState<string | null>(null);
  const classState = useClassState();
  const counts = useClassCounts();
  const { isAnonymized, spotlightId, isEnded } = classState;
  const isConnected = status === "live";
  const sortedIds = useSortedIds(sortKey, isAnonymized);
  const needingIds = useNeedingAttention();
  const ids = useMemo(
    () => (isAttentionOnly ? onlyNeedingAttention(sortedIds, needingIds) : sortedIds),
    [isAttentionOnly, sortedIds, needingIds],
  );

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
    (id: string) => spotlight(store.getClassState().spotlightId === id ? null : id),
    [spotlight, store],
  );
  const onMarkSeen = useCallback(
    async (participantId: string, kind: AttentionKind) => {
      const ack = await sendAttentionSeen({ participantId, kind });
      setTileError(ack.ok ? null : `Mark seen: ${ack.error.message}`);
    },
    [sendAttentionSeen],
  );
  const onSnapshot = useCallback(
    async (id: string, name: string) => {
      const ack = await sendSnapshot({ type: SNAPSHOT_CONTROL.take, participantId: id });
      // Stored without the network view its student's page was asked for: say why (the tray says it too).
      const asked = ack.ok ? ack.weights : undefined;
      const isAskedInVain = asked !== undefined && !SHOWS_NETWORK_OR_NO_RUN.has(asked);
      setTileError(
        !ack.ok
          ? `Snapshot of ${name}: ${ack.error.message}`
          : isAskedInVain
            ? `Snapshot of ${name} stored. ${formatMissingNetwork(false, asked)}`
            : null,
      );
    },
    [sendSnapshot],
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
      <CellCounts total={counts.total} />
      <ClassControls classState={classState} isConnected={isConnected} sendControl={sendControl} />
      <GroupExperimentForm classState={classState} isConnected={isConnected} sendControl={sendControl} />
      <WaitingList classState={classState} isConnected={isConnected} sendControl={sendControl} />
      {classState.lesson && (
        <LessonPacing lesson={classState.lesson} isLocked={!isConnected || isEnded} sendPacing={sendPacing} />
      )}

      {spotlightId && (
        <DashboardSpotlight
          id={spotlightId}
          isAnonymized={isAnonymized}
          settings={classState.settings}
          onClose={() => void spotlight(null)}
        />
      )}

      <ChallengePanel challenges={feed.challenges} isLocked={!isConnected || isEnded} showWhen="open" />
      <SnapshotTray compare={compare} classState={classState} isConnected={isConnected} sendSnapshot={sendSnapshot} />
      <ConsensusPanel compare={compare} classState={classState} isConnected={isConnected} sendSnapshot={sendSnapshot} />

      <OverlayChart spotlightId={spotlightId} />

      <section aria-labelledby="tiles-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="tiles-heading" className="text-xl font-bold">
            Students <span className="font-mono">({counts.total})</span>
          </h2>
          <AttentionFilter
            count={needingIds.length}
            isOn={isAttentionOnly}
            onToggle={() => setAttentionOnly((isOn) => !isOn)}
          />
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
        {isAttentionOnly && ids.length === 0 && counts.total > 0 ? (
          <p className="card text-lg text-slate-700">Nobody needs attention now.</p>
        ) : ids.length === 0 ? (
          <p className="card text-lg text-slate-700">
            No students yet. Share the code {joinCode} or open the projector view.
          </p>
        ) : (
          <TileGrid
            ids={ids}
            isAnonymized={isAnonymized}
            spotlightId={spotlightId}
            canRemove={isConnected && !isEnded}
            onSpotlight={onSpotlight}
            onRemove={onRemove}
            onMarkSeen={isConnected && !isEnded ? onMarkSeen : undefined}
            onSnapshot={isConnected ? onSnapshot : undefined}
          />
        )}
      </section>

      <ChallengePanel challenges={feed.challenges} isLocked={!isConnected || isEnded} showWhen="none" />
    </div>
  );
}
