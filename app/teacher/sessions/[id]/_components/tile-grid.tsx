"use client";

import { memo } from "react";
import { StudentTile } from "./student-tile";

type TileGridProps = {
  /** Participant ids in display order. */
  ids: readonly string[];
  isAnonymized: boolean;
  spotlightId: string | null;
  canRemove: boolean;
  onSpotlight: (id: string) => void;
  onRemove: (id: string, name: string) => void;
  /** Snapshots a tile into the tray (issue 16); absent: no button. */
  onSnapshot?: ((id: string, name: string) => void) | undefined;
};

/**
 * The tile grid. It re-renders only when the order or the tiles' shared props change; each tile
 * reads its own student from the class store and re-renders when that student changed while it
 * is on screen (an off-screen tile keeps what it drew and catches up when it scrolls into view).
 */
export const TileGrid = memo(function TileGrid({
  ids,
  isAnonymized,
  spotlightId,
  canRemove,
  onSpotlight,
  onRemove,
  onSnapshot,
}: TileGridProps) {
  return (
    <ul className="grid grid-cols-[repeat(auto-fill,minmax(15rem,1fr))] gap-3">
      {ids.map((id) => (
        <StudentTile
          key={id}
          id={id}
          isAnonymized={isAnonymized}
          isSpotlit={id === spotlightId}
          canRemove={canRemove}
          onSpotlight={onSpotlight}
          onRemove={onRemove}
          onSnapshot={onSnapshot}
        />
      ))}
    </ul>
  );
});
