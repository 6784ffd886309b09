"use client";

import type { SessionSettings } from "@/lib/classroom/settings";
import { tileName } from "../_lib/dashboard-state";
import { useClassNetwork, useClassTile } from "../_lib/use-class-store";
import { SpotlightView } from "./spotlight-view";

/** The spotlit map on the dashboard: large enough to read from the back of a room. */
const SPOTLIGHT_MAP_PX = 320;

type DashboardSpotlightProps = {
  id: string;
  isAnonymized: boolean;
  settings: SessionSettings;
  onClose: () => void;
};

/** The spotlit student on the dashboard; re-renders with that student and their network only. */
export function DashboardSpotlight({ id, isAnonymized, settings, onClose }: DashboardSpotlightProps) {
  const tile = useClassTile(id);
  const network = useClassNetwork();
  if (!tile) return null;
  const name = tileName(tile, isAnonymized);
  return (
    <section aria-labelledby="spotlight-heading" className="card border-warm-500 p-4">
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 id="spotlight-heading" className="text-2xl font-bold">
          Spotlight: {name}
        </h2>
        <button type="button" className="btn-secondary" onClick={onClose}>
          Close spotlight <span className="ml-1 text-sm text-slate-600">(Esc)</span>
        </button>
      </div>
      <SpotlightView tile={tile} name={name} settings={settings} mapSize={SPOTLIGHT_MAP_PX} network={network} />
    </section>
  );
}
