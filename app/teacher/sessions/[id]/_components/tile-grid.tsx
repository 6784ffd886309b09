"use client";

import { useCallback, useRef, useState } from "react";
import type { AttentionKind } from "@/lib/classroom/attention";
import { type Tile, tileName } from "../_lib/dashboard-state";
import { StudentTile } from "./student-tile";

/** Tiles this far outside the viewport count as visible, so scrolling shows them up to date. */
const VISIBILITY_MARGIN = "300px";

type TileGridProps = {
  tiles: readonly Tile[];
  isAnonymized: boolean;
  spotlightId: string | null;
  canRemove: boolean;
  onSpotlight: (id: string) => void;
  onRemove: (id: string, name: string) => void;
  onMarkSeen?: ((id: string, kind: AttentionKind) => void) | undefined;
};

/**
 * The tile grid. Only tiles on screen re-render when their data changes: an off-screen tile keeps
 * the version it was last drawn at (so memo() skips it) and catches up the moment it scrolls into
 * view. With 300 students and ~15 tiles on a projector, that is most of the per-frame work gone.
 */
export function TileGrid({
  tiles,
  isAnonymized,
  spotlightId,
  canRemove,
  onSpotlight,
  onRemove,
  onMarkSeen,
}: TileGridProps) {
  const visibleIds = useRef(new Set<string>());
  const drawnVersions = useRef(new Map<string, number>());
  const observerRef = useRef<IntersectionObserver | null>(null);
  const [, setVisibilityChanges] = useState(0);

  const observe = useCallback((element: HTMLLIElement | null) => {
    if (!element || typeof IntersectionObserver === "undefined") return;
    observerRef.current ??= new IntersectionObserver(
      (entries) => {
        let isChanged = false;
        for (const entry of entries) {
          const id = (entry.target as HTMLElement).dataset.participantId;
          if (!id) continue;
          const wasVisible = visibleIds.current.has(id);
          if (entry.isIntersecting && !wasVisible) visibleIds.current.add(id);
          if (!entry.isIntersecting && wasVisible) visibleIds.current.delete(id);
          isChanged ||= entry.isIntersecting !== wasVisible;
        }
        if (isChanged) setVisibilityChanges((count) => count + 1);
      },
      { rootMargin: VISIBILITY_MARGIN },
    );
    const observer = observerRef.current;
    observer.observe(element);
    return () => observer.unobserve(element);
  }, []);

  // Forget removed students, so a long session does not accumulate their entries.
  if (drawnVersions.current.size > tiles.length) {
    const present = new Set(tiles.map((tile) => tile.id));
    for (const id of drawnVersions.current.keys()) if (!present.has(id)) drawnVersions.current.delete(id);
  }

  return (
    <ul className="grid grid-cols-[repeat(auto-fill,minmax(15rem,1fr))] gap-3">
      {tiles.map((tile) => {
        const drawn = drawnVersions.current.get(tile.id);
        const version = drawn === undefined || visibleIds.current.has(tile.id) ? tile.version : drawn;
        drawnVersions.current.set(tile.id, version);
        return (
          <StudentTile
            key={tile.id}
            tile={tile}
            version={version}
            observe={observe}
            name={tileName(tile, isAnonymized)}
            isSpotlit={tile.id === spotlightId}
            canRemove={canRemove}
            onSpotlight={onSpotlight}
            onRemove={onRemove}
            onMarkSeen={onMarkSeen}
          />
        );
      })}
    </ul>
  );
}
