"use client";

import { memo, useMemo } from "react";
import { DecisionMapCanvas } from "@/app/_components/charts/decision-map-canvas";
import { Sparkline } from "@/app/teacher/_components/sparkline";
import { StatusLabel } from "@/app/teacher/_components/status-label";
import type { AttentionKind } from "@/lib/classroom/attention";
import { DATASET_EXTENT, isLinearNet, lineFromMap, lineInPlot } from "@/lib/ml/nn";
import { MAP_RESOLUTION } from "@/lib/protocol";
import { type Tile, tileName } from "../_lib/dashboard-state";
import { formatAccuracy, formatLoss, formatStep } from "../_lib/format";
import { useClassTile } from "../_lib/use-class-store";
import { useOnScreen } from "../_lib/use-on-screen";
import { AttentionBadges } from "./attention-badges";
import { CellBadges } from "./cell-badges";
import { GroupBadge } from "./group-badge";

/** Thumbnail side in CSS pixels: five tiles across a 1280 px projector, two on a laptop half. */
const THUMBNAIL_PX = 112;
const SPARKLINE_WIDTH_PX = 112;
const SPARKLINE_HEIGHT_PX = 36;
/**
 * Tiles below the fold are neither laid out nor painted (content-visibility), and a changed tile
 * never re-lays-out its neighbours (contain): with 300 tiles this is most of the render cost.
 * The intrinsic size is a tile's usual height, so the scrollbar does not jump.
 */
const TILE_STYLE = {
  contentVisibility: "auto",
  containIntrinsicSize: "auto 13rem",
  contain: "layout paint style",
} as const;

type StudentTileProps = {
  /** The participant; the tile reads them from the class store. */
  id: string;
  isAnonymized: boolean;
  isSpotlit: boolean;
  canRemove: boolean;
  onSpotlight: (id: string) => void;
  onRemove: (id: string, name: string) => void;
  /** Marks one of the student's flags seen; absent (ended class, offline dashboard): no buttons. */
  onMarkSeen?: ((id: string, kind: AttentionKind) => void) | undefined;
  /** Snapshots the tile into the tray (issue 16); absent: no button. */
  onSnapshot?: ((id: string, name: string) => void) | undefined;
};

/**
 * One student: name, live map, loss sparkline, figures and status. Click or Enter spotlights.
 * On screen (within a margin) it follows every frame and draws; off screen its words still
 * follow, about once a second (class-store.ts "offScreen" readers), and its canvases wait: they
 * draw the latest map and curve when the tile comes back into view.
 */
export const StudentTile = memo(function StudentTile({
  id,
  isAnonymized,
  isSpotlit,
  canRemove,
  onSpotlight,
  onRemove,
  onMarkSeen,
  onSnapshot,
}: StudentTileProps) {
  const [observe, isOnScreen] = useOnScreen<HTMLLIElement>();
  // Listening also off screen: its words (status, figures, badges) must stay true for
  // find-in-page and screen readers; content-visibility skips laying them out and painting there.
  const tile = useClassTile(id, isOnScreen ? "onScreen" : "offScreen");
  const map = tile?.map ?? null;
  const config = tile?.config ?? null;
  const line = useMemo(() => tileDecisionLine(map, config), [map, config]);
  if (!tile) return null;
  const name = tileName(tile, isAnonymized);
  return (
    <li
      ref={observe}
      className={`relative rounded-xl border bg-white p-2 shadow-sm ${isSpotlit ? "border-warm-500 ring-2 ring-warm-500" : "border-slate-200"}`}
      style={TILE_STYLE}
      data-testid="student-tile"
      data-participant-id={tile.id}
    >
      <button
        type="button"
        onClick={() => onSpotlight(tile.id)}
        aria-pressed={isSpotlit}
        aria-label={`Spotlight ${name}`}
        className="block w-full rounded-lg text-left"
      >
        <span className="block truncate pr-7 text-lg font-bold" title={name}>
          {name}
        </span>
        <span className="mt-1 flex items-start gap-2">
          <DecisionMapCanvas
            map={tile.map}
            resolution={MAP_RESOLUTION}
            extent={DATASET_EXTENT}
            size={THUMBNAIL_PX}
            line={line}
            isDrawn={isOnScreen}
            label={`Decision map of ${name}${line ? ", with its decision line" : ""}`}
            className="rounded border border-slate-200"
          />
          <span className="flex min-w-0 flex-col gap-0.5 text-sm">
            <span>
              Loss <strong className="font-mono text-base">{formatLoss(tile.loss)}</strong>
            </span>
            <span>
              Acc. <strong className="font-mono text-base">{formatAccuracy(tile.accuracy)}</strong>
            </span>
            <span>
              Step <strong className="font-mono">{formatStep(tile.step)}</strong>
            </span>
            {tile.lessonStep !== null ? (
              <span data-testid="tile-lesson-step">
                Lesson step <strong className="font-mono">{tile.lessonStep + 1}</strong>
              </span>
            ) : null}
            <CellBadges cells={tile.cells} />
          </span>
        </span>
        <span className="mt-1 flex flex-wrap items-center justify-between gap-x-2 gap-y-1">
          <Sparkline
            steps={tile.steps}
            losses={tile.losses}
            width={SPARKLINE_WIDTH_PX}
            height={SPARKLINE_HEIGHT_PX}
            isDrawn={isOnScreen}
            label={`Loss curve of ${name}`}
          />
          <StatusLabel status={tile.status} className="text-sm" />
          {tile.group !== null ? <GroupBadge index={tile.group} /> : null}
          {tile.isEdited ? (
            <span className="text-sm font-semibold text-amber-800" data-testid="edited-badge">
              <span aria-hidden="true">✎ </span>edited data
            </span>
          ) : null}
          {tile.isReached ? (
            <span className="text-sm font-semibold text-green-700" data-testid="reached-badge">
              <span aria-hidden="true">✓ </span>Reached target
            </span>
          ) : null}
        </span>
      </button>
      {onSnapshot && (
        <button
          type="button"
          onClick={() => onSnapshot(tile.id, name)}
          aria-label={`Snapshot ${name}`}
          title={`Snapshot ${name} into the tray`}
          className="mt-1 rounded border border-slate-300 px-2 text-sm font-semibold text-slate-800 hover:bg-slate-100"
          data-testid="snapshot-button"
        >
          Snapshot
        </button>
      )}
      <AttentionBadges
        flags={tile.flags}
        name={name}
        onMarkSeen={onMarkSeen ? (kind) => onMarkSeen(tile.id, kind) : undefined}
      />
      {canRemove && (
        <button
          type="button"
          onClick={() => onRemove(tile.id, name)}
          aria-label={`Remove ${name}`}
          title={`Remove ${name}`}
          className="absolute top-1 right-1 rounded px-2 text-lg leading-7 text-slate-600 hover:bg-red-50 hover:text-red-700"
        >
          <span aria-hidden="true">×</span>
        </button>
      )}
    </li>
  );
});

/**
 * A linear net's decision line over the tile's map. The tile has the map, not the weights, and a
 * linear net's map is σ of a linear function: its line is read back from the map (lib/ml/nn).
 */
function tileDecisionLine(map: Tile["map"], config: Tile["config"]) {
  if (!map || !config || !isLinearNet(config)) return null;
  const line = lineFromMap(map, MAP_RESOLUTION, DATASET_EXTENT);
  return line ? lineInPlot(line, DATASET_EXTENT).segment : null;
}
