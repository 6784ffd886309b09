/**
 * A snapshot row as the live class and the review read it back: validated with the protocol's
 * schemas (config, curve, weights are JSON columns), so a row the schemas no longer accept is read
 * as blank fields rather than crashing a dashboard.
 */

import type { RunConfig } from "../../lib/classroom/settings";
import { runConfigSchema } from "../../lib/classroom/settings";
import type { LossPoint } from "../../lib/curve";
import {
  lossPointsSchema,
  MAP_BYTES,
  type SnapshotWeightsStatus,
  snapshotWeightsStatusSchema,
  TRAY_CURVE_POINTS,
  type Weights,
  weightsSchema,
} from "../../lib/protocol";

/** One stored snapshot. */
export type StoredSnapshot = {
  id: string;
  participantId: string;
  runId: string | null;
  config: RunConfig | null;
  step: number;
  loss: number | null;
  accuracy: number | null;
  curve: LossPoint[];
  map: Uint8Array | null;
  weights: Weights | null;
  /** Where the weights came from, or why there are none; null for rows stored before it was recorded. */
  weightsStatus: SnapshotWeightsStatus | null;
  order: number;
  label: string;
  createdAt: number;
};

/** The columns {@link toStoredSnapshot} reads. */
export const SNAPSHOT_SELECT = {
  id: true,
  participantId: true,
  runId: true,
  config: true,
  step: true,
  loss: true,
  accuracy: true,
  curve: true,
  map: true,
  weights: true,
  weightsStatus: true,
  order: true,
  label: true,
  createdAt: true,
} as const;

/** A row as selected with {@link SNAPSHOT_SELECT}. */
export type SnapshotRow = {
  id: string;
  participantId: string;
  runId: string | null;
  config: unknown;
  step: number;
  loss: number | null;
  accuracy: number | null;
  curve: unknown;
  map: Uint8Array | null;
  weights: unknown;
  weightsStatus: string | null;
  order: number;
  label: string;
  createdAt: Date;
};

/** The row as the app uses it. */
export function toStoredSnapshot(row: SnapshotRow): StoredSnapshot {
  const config = runConfigSchema.safeParse(row.config);
  const curve = lossPointsSchema(TRAY_CURVE_POINTS).safeParse(row.curve);
  const weights = weightsSchema.safeParse(row.weights);
  const weightsStatus = snapshotWeightsStatusSchema.safeParse(row.weightsStatus);
  return {
    id: row.id,
    participantId: row.participantId,
    runId: row.runId,
    config: row.config !== null && config.success ? config.data : null,
    step: row.step,
    loss: row.loss,
    accuracy: row.accuracy,
    curve: curve.success ? curve.data : [],
    map: row.map && row.map.length === MAP_BYTES ? new Uint8Array(row.map) : null,
    weights: row.weights !== null && weights.success ? weights.data : null,
    weightsStatus: weightsStatus.success ? weightsStatus.data : null,
    order: row.order,
    label: row.label,
    createdAt: row.createdAt.getTime(),
  };
}
