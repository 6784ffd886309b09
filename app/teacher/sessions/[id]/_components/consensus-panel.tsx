"use client";

import { useId, useState } from "react";
import { type ClassState, SNAPSHOT_CONTROL, type SnapshotControl } from "@/lib/protocol";
import type { SnapshotAck } from "../_lib/compare-feed";
import { type CompareStore, useConsensus } from "../_lib/compare-store";
import { ConsensusView } from "./consensus-view";

/** The dashboard's consensus maps: small enough to sit beside the tray. */
const CONSENSUS_MAP_PX = 200;

type ConsensusPanelProps = {
  compare: CompareStore;
  classState: ClassState;
  isConnected: boolean;
  sendSnapshot: (command: SnapshotControl) => Promise<SnapshotAck>;
};

/** The class consensus on the dashboard, live, with a button that puts it on the projector. */
export function ConsensusPanel({ compare, classState, isConnected, sendSnapshot }: ConsensusPanelProps) {
  const consensus = useConsensus(compare);
  const headingId = useId();
  const [error, setError] = useState<string | null>(null);
  const isShown = classState.isConsensusShown ?? false;
  return (
    <section aria-labelledby={headingId} className="card space-y-3" data-testid="consensus-panel">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-xl font-bold">
          Class consensus
        </h2>
        <button
          type="button"
          className="btn-secondary"
          aria-pressed={isShown}
          disabled={!isConnected}
          onClick={async () => {
            const ack = await sendSnapshot({ type: SNAPSHOT_CONTROL.consensus, isShown: !isShown });
            setError(ack.ok ? null : `Consensus: ${ack.error.message}`);
          }}
        >
          {isShown ? "Hide consensus from the projector" : "Show consensus on the projector"}
        </button>
      </div>
      {error && (
        <p role="alert" className="text-sm font-medium text-red-800">
          {error}
        </p>
      )}
      <ConsensusView consensus={consensus} settings={classState.settings} mapSize={CONSENSUS_MAP_PX} />
    </section>
  );
}
