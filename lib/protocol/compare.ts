/**
 * Snapshots and compare, and the class consensus (issue 16, protocol v3).
 *
 * The teacher snapshots a tile (snapshot:control `take`): the server stores the tile as it is now
 * (map, curve, config, figures, the weights it has) with the session, then sends every teacher
 * socket the class's tray (teacher:tray, in the teacher's order). `show` puts 2–4 snapshots side
 * by side on the projector, `live` (each follows its student's tile) or frozen (the snapshot as
 * taken); which ones travels in the class state (`compare`), like the spotlight. `consensus` puts
 * the class consensus on the projector (class state `isConsensusShown`).
 *
 * teacher:consensus (server → teachers, ≤ 1/s, only while a teacher watches): the average of the
 * class's current maps and where they disagree (lib/classroom/consensus).
 */
import { runConfigSchema } from "../classroom/settings";
import { storableString } from "../storable-string";
import { z } from "../zod";
import { accuracySchema, idSchema, lossPointsSchema, lossSchema, stepSchema, weightsSchema } from "./common";
import { ackSchema } from "./events";
import { mapBytesSchema, packedMapsSchema, packMaps, unpackMaps } from "./map-bytes";

/**
 * Snapshots in one class's tray at most: a lesson's discussion uses a handful; 24 keep the tray
 * (resent whole on every change, ~24 × 3 KiB) small, and a runaway client cannot grow it.
 */
export const MAX_TRAY_SNAPSHOTS = 24;
/** Side by side on the projector: two to contrast, four still readable at 1280 × 720. */
export const MIN_COMPARE_SNAPSHOTS = 2;
export const MAX_COMPARE_SNAPSHOTS = 4;
/** A snapshot's curve: a card's chart is at most ~450 px wide. */
export const TRAY_CURVE_POINTS = 200;
/** A label like "hidden 8, lr 10 — diverged" fits a card's heading. */
export const MAX_SNAPSHOT_LABEL_CHARS = 80;
/** The consensus is recomputed at most this often (the bound: ≤ 1/s), and only when a map changed. */
export const CONSENSUS_MIN_INTERVAL_MS = 1000;

/**
 * Where a snapshot's weights (its network view) came from, or why it has none (stored with it,
 * Snapshot.weightsStatus). Values are the wire format.
 */
export const SNAPSHOT_WEIGHTS = {
  /** The server had them: a finished run's final weights, or the spotlit student's latest. */
  held: "held",
  /** Asked the student's page when the snapshot was taken (network:request), and it answered. */
  fetched: "fetched",
  /** The student had no run yet: no network to show. */
  noRun: "noRun",
  /** The student was not connected: nobody to ask. */
  offline: "offline",
  /** The page had none to give (a diverged net, a simulated student replaying a shared run). */
  none: "none",
  /** The page answered with weights that do not fit the run (shape, activation, run, non-finite). */
  invalid: "invalid",
  /** The page did not answer within the server's bound (WEIGHTS_ANSWER_TIMEOUT_MS). */
  timeout: "timeout",
} as const;
/** One {@link SNAPSHOT_WEIGHTS} value. */
export type SnapshotWeightsStatus = (typeof SNAPSHOT_WEIGHTS)[keyof typeof SNAPSHOT_WEIGHTS];
/** Schema of a {@link SnapshotWeightsStatus}. */
export const snapshotWeightsStatusSchema = z.enum(
  Object.values(SNAPSHOT_WEIGHTS) as [SnapshotWeightsStatus, ...SnapshotWeightsStatus[]],
);

/** The snapshot commands, by `type`. Values are the wire format. */
export const SNAPSHOT_CONTROL = {
  /** Stores the participant's tile as it is now at the end of the tray. */
  take: "take",
  /** One place earlier ("up") or later ("down") in the tray. */
  move: "move",
  remove: "remove",
  relabel: "relabel",
  /** Shows 2–4 snapshots side by side on the projector, live or frozen. */
  show: "show",
  /** Back to the projector's usual view. */
  hide: "hide",
  /** The class consensus on the projector (instead of the join code), or not. */
  consensus: "consensus",
} as const;

const labelSchema = storableString().trim().max(MAX_SNAPSHOT_LABEL_CHARS);

/**
 * snapshot:control (acked once stored): one command, a discriminated union on `type`.
 *
 * @example
 * socket.emit("snapshot:control", { type: "take", participantId }, (ack) => { if (ack.ok) select(ack.snapshotId) });
 */
export const snapshotControlSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal(SNAPSHOT_CONTROL.take), participantId: idSchema, label: labelSchema.optional() }),
  z.object({ type: z.literal(SNAPSHOT_CONTROL.move), snapshotId: idSchema, direction: z.enum(["up", "down"]) }),
  z.object({ type: z.literal(SNAPSHOT_CONTROL.remove), snapshotId: idSchema }),
  z.object({ type: z.literal(SNAPSHOT_CONTROL.relabel), snapshotId: idSchema, label: labelSchema }),
  z.object({
    type: z.literal(SNAPSHOT_CONTROL.show),
    snapshotIds: z
      .array(idSchema)
      .min(MIN_COMPARE_SNAPSHOTS)
      .max(MAX_COMPARE_SNAPSHOTS)
      .refine((ids) => new Set(ids).size === ids.length, { message: "Each snapshot once" }),
    isLive: z.boolean(),
  }),
  z.object({ type: z.literal(SNAPSHOT_CONTROL.hide) }),
  z.object({ type: z.literal(SNAPSHOT_CONTROL.consensus), isShown: z.boolean() }),
]);
/** A snapshot command. */
export type SnapshotControl = z.output<typeof snapshotControlSchema>;
/**
 * snapshot:control ack: a `take` names the new snapshot and (v3, optional for older servers)
 * where its weights came from or why it has none; the snapshot is stored, weights and all, before it.
 */
export const snapshotControlAckSchema = ackSchema({
  snapshotId: idSchema.optional(),
  weights: snapshotWeightsStatusSchema.optional(),
});

/** What the projector shows side by side (class state `compare`); absent or null: its usual view. */
export const compareViewSchema = z
  .object({
    /** In the teacher's order at the time of `show`. */
    snapshotIds: z.array(idSchema).min(MIN_COMPARE_SNAPSHOTS).max(MAX_COMPARE_SNAPSHOTS),
    /** Each card follows its student's tile now; false: the snapshot as taken. */
    isLive: z.boolean(),
  })
  .nullable();
/** The projector's compare view. */
export type CompareView = z.output<typeof compareViewSchema>;

/** One stored snapshot as teachers receive it; its map travels in the tray's packed `maps`. */
export const traySnapshotSchema = z.object({
  id: idSchema,
  participantId: idSchema,
  /** Join order: "Student N" while anonymized. */
  number: z.int().min(1),
  /** The nickname, or "Student N" while the class is anonymized (as tiles). */
  name: storableString().max(200),
  label: labelSchema,
  runId: idSchema.nullable(),
  config: runConfigSchema.nullable(),
  step: stepSchema,
  loss: lossSchema.nullable(),
  accuracy: accuracySchema.nullable(),
  curve: lossPointsSchema(TRAY_CURVE_POINTS),
  /** The network's weights: the server's (a finished run's, the spotlit student's) or asked of the page; else null. */
  weights: weightsSchema.nullable(),
  /** Where the weights came from, or why there are none; absent for snapshots stored before it was recorded. */
  weightsStatus: snapshotWeightsStatusSchema.nullable().optional(),
  /** ms since the epoch. */
  createdAt: z.number(),
});
/** A snapshot as it travels (no map). */
export type TraySnapshotWire = z.output<typeof traySnapshotSchema>;
/** A snapshot with its map (null: the tile had none yet). */
export type TraySnapshot = TraySnapshotWire & { map: Uint8Array | null };

const teacherTrayWireSchema = z.object({
  snapshots: z.array(traySnapshotSchema).max(MAX_TRAY_SNAPSHOTS),
  maps: packedMapsSchema(MAX_TRAY_SNAPSHOTS),
});
/** teacher:tray as the server sends it. */
export type TeacherTrayWire = z.output<typeof teacherTrayWireSchema>;
/** The class's tray, in order, each map on its snapshot. */
export type TeacherTray = { snapshots: TraySnapshot[] };

/** teacher:tray (server → teachers, on connect and after every change): checks it and puts each map back. */
export const teacherTraySchema = teacherTrayWireSchema.transform((wire): TeacherTray => {
  const byId = unpackMaps(wire.maps);
  return { snapshots: wire.snapshots.map((snapshot) => ({ ...snapshot, map: byId.get(snapshot.id) ?? null })) };
});

/** The wire form of a tray: every map in one packed buffer. */
export function encodeTeacherTray(tray: TeacherTray): TeacherTrayWire {
  const maps: [string, Uint8Array][] = [];
  const snapshots = tray.snapshots.map(({ map, ...snapshot }) => {
    if (map) maps.push([snapshot.id, map]);
    return snapshot;
  });
  return { snapshots, maps: packMaps(maps) };
}

/** teacher:consensus: the class's average map and its disagreement map (lib/classroom/consensus). */
export const teacherConsensusSchema = z.object({
  /** Server time in ms since the epoch. */
  t: z.number(),
  /** Maps averaged: connected students on the class's data with a map. 0: none any more (maps blank). */
  count: z.int().min(0),
  mean: mapBytesSchema,
  disagreement: mapBytesSchema,
});
/** The class consensus as teachers receive it. */
export type TeacherConsensus = z.output<typeof teacherConsensusSchema>;
