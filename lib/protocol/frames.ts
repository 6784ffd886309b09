/**
 * What teachers receive: a full snapshot on connect, then one coalesced frame per tick carrying
 * only what changed. Clients apply a frame's deltas in order; `tick` increases by one per frame,
 * so a gap means a frame was missed and the client asks for teacher:resync.
 *
 * On the wire a frame's (or snapshot's) decision maps travel packed in one binary buffer
 * (`maps`, lib/protocol/map-bytes packMaps), never one attachment each. The server builds the
 * wire form with {@link encodeTeacherFrame}; the schemas check it and hand clients each map on
 * its tile or delta again.
 */

import { groupExperimentSchema, MAX_GROUPS } from "../classroom/groups";
import { runConfigSchema, sessionSettingsSchema } from "../classroom/settings";
import { LIVE_STATUSES, type LiveStatus } from "../classroom/status";
import { storableString } from "../storable-string";
import { z } from "../zod";
import { tileFlagsSchema } from "./attention";
import { accuracySchema, cellResultSchema, idSchema, lossPointsSchema, lossSchema, stepSchema } from "./common";
import { compareViewSchema } from "./compare";
import { ackSchema } from "./events";
import { lessonStepIndexSchema, teacherLessonSchema } from "./lesson";
import {
  MAX_CURVE_POINTS,
  MAX_MAPS_PER_FRAME,
  MAX_SNAPSHOT_MAPS,
  MAX_WAITING_STUDENTS,
  PROTOCOL_VERSION,
} from "./limits";
import { packedMapsSchema, packMaps, unpackMaps } from "./map-bytes";

const statusSchema = z.enum(LIVE_STATUSES as [LiveStatus, ...LiveStatus[]]);

/** A student on the waiting list: the id their tile will have once admitted. */
export const waitingStudentSchema = z.object({
  id: idSchema,
  nickname: storableString(),
  /** When they asked to join, ms since the epoch: the list is in this order. */
  requestedAt: z.number(),
});
/** A waiting student. */
export type WaitingStudent = z.output<typeof waitingStudentSchema>;

/** The class-wide state shown on the dashboard and projector. */
export const classStateSchema = z.object({
  classId: idSchema,
  title: storableString().max(200),
  settings: sessionSettingsSchema,
  isPaused: z.boolean(),
  isJoinOpen: z.boolean(),
  isEnded: z.boolean(),
  isAnonymized: z.boolean(),
  /** Approval mode: new joins wait in `waiting` until the teacher admits or denies them. */
  isApprovalRequired: z.boolean(),
  /** The waiting list, oldest first (names are shown even when anonymized: the teacher decides on them). */
  waiting: z.array(waitingStudentSchema).max(MAX_WAITING_STUDENTS),
  spotlightId: idSchema.nullable(),
  /** Increments on every reset or settings change. */
  generation: z.int().min(0),
  /** The lesson with its pacing; null for a class launched without a lesson. */
  lesson: teacherLessonSchema.nullable(),
  /** Snapshots side by side on the projector (v3, issue 16); absent or null: none. */
  compare: compareViewSchema.optional(),
  /** The class consensus on the projector (v3, issue 16); absent: not shown. */
  isConsensusShown: z.boolean().optional(),
  /** The group experiment running now (class:control "groups"); null: one class, no groups. */
  experiment: groupExperimentSchema.nullable().default(null),
});
/** Class-wide state. */
export type ClassState = z.output<typeof classStateSchema>;

/**
 * How many participants are in each live status (these add up to `total`, the participants not
 * removed), and separately how many `reached` the target, by the server's verified figures.
 */
export const countsSchema = z.object({
  total: z.int().min(0),
  reached: z.int().min(0),
  ...Object.fromEntries(LIVE_STATUSES.map((status) => [status, z.int().min(0)])),
}) as unknown as z.ZodType<Counts>;
/** Participant counts per live status, plus `reached`. */
export type Counts = { total: number; reached: number } & Record<LiveStatus, number>;

/** A tile's group index (0 = A), null outside a group experiment. */
const tileGroupSchema = z
  .int()
  .min(0)
  .max(MAX_GROUPS - 1)
  .nullable();

/** One tile in full, as in a snapshot; its map travels in the snapshot's packed `maps`. */
export const participantTileSchema = z.object({
  id: idSchema,
  /** Join order, 1-based; "Student N" when anonymized. */
  number: z.int().min(1),
  /** The nickname, or "Student N" while the class is anonymized. */
  name: storableString(),
  status: statusSchema,
  /** The latest run reached the target by the server's verified figures (its own flag, not a status). */
  isReached: z.boolean(),
  /** The current run trains on points the student added or removed: labelled "edited data", never reached. */
  isEdited: z.boolean(),
  runId: idSchema.nullable(),
  config: runConfigSchema.nullable(),
  step: stepSchema,
  loss: lossSchema.nullable(),
  accuracy: accuracySchema.nullable(),
  /** The current run's curve, downsampled. */
  points: lossPointsSchema(MAX_CURVE_POINTS),
  cells: z.array(cellResultSchema),
  /** The lesson step the student is on; null without a lesson. */
  lessonStep: lessonStepIndexSchema.nullable(),
  /** Lesson steps on which a run of this student reached the target, ascending. */
  reachedSteps: z.array(lessonStepIndexSchema),
  /** Attention flags (v3), most urgent first; those marked seen say so (lib/protocol/attention). */
  flags: tileFlagsSchema,
  /** The student's group in the class's group experiment (0 = A); null without one. */
  group: tileGroupSchema.default(null),
});
/** A full tile as it travels (no map). */
export type ParticipantTileWire = z.output<typeof participantTileSchema>;
/** A full tile with its decision map (null before the first one). */
export type ParticipantTile = ParticipantTileWire & { map: Uint8Array | null };

/**
 * A tile's changes since the last frame. Absent fields did not change. When `runId` is present
 * a new run began (or the run was reset, runId null): clear the curve and map, then apply the
 * rest. `curve` replaces the tile's curve (a finished run's, or after a burst); `points` are then
 * appended. `isRemoved` drops the tile. A new participant arrives as a delta with every field set.
 * A changed map travels in the frame's packed `maps`.
 */
export const participantDeltaSchema = participantTileSchema.partial().extend({
  id: idSchema,
  // Absent: unchanged (a default here would reset every tile's group on every delta).
  group: tileGroupSchema.optional(),
  curve: lossPointsSchema(MAX_CURVE_POINTS).optional(),
  points: lossPointsSchema(MAX_CURVE_POINTS).optional(),
  isRemoved: z.literal(true).optional(),
});
/** A tile's delta as it travels (no map). */
export type ParticipantDeltaWire = z.output<typeof participantDeltaSchema>;
/**
 * A tile's delta; `map` present when the map changed. A new tile's null map (none yet) travels as
 * no map: clients start a tile blank, and no delta ever clears a map but through `runId`.
 */
export type ParticipantDelta = ParticipantDeltaWire & { map?: Uint8Array | null };

/** teacher:frame on the wire: one per tick, only when something changed. */
const teacherFrameWireSchema = z.object({
  /** Server time in ms since the epoch. */
  t: z.number(),
  /** Frame sequence number, +1 per frame sent to this class. */
  tick: z.int().min(0),
  participants: z.array(participantDeltaSchema),
  counts: countsSchema,
  /** Present when class-wide state changed. */
  class: classStateSchema.optional(),
  /** The changed maps, one buffer; each id is a participant in `participants`. */
  maps: packedMapsSchema(MAX_MAPS_PER_FRAME),
});
/** A frame as the server sends it. */
export type TeacherFrameWire = z.output<typeof teacherFrameWireSchema>;
/** A coalesced frame, each changed map on its delta. */
export type TeacherFrame = Omit<TeacherFrameWire, "participants" | "maps"> & { participants: ParticipantDelta[] };

/** teacher:frame: checks the wire form and puts each map back on its delta. */
export const teacherFrameSchema = teacherFrameWireSchema.transform((wire): TeacherFrame => {
  const { maps, participants, ...rest } = wire;
  const byId = unpackMaps(maps);
  return { ...rest, participants: participants.map((delta) => withMap(delta, byId.get(delta.id))) };
});

function withMap(delta: ParticipantDeltaWire, map: Uint8Array | undefined): ParticipantDelta {
  return map === undefined ? delta : { ...delta, map };
}

/** teacher:snapshot on the wire: the whole class, for a teacher who connects late or resyncs. */
const teacherSnapshotWireSchema = z.object({
  v: z.literal(PROTOCOL_VERSION),
  t: z.number(),
  /** The tick of the last frame sent; the next frame has tick + 1. */
  tick: z.int().min(0),
  class: classStateSchema,
  participants: z.array(participantTileSchema),
  counts: countsSchema,
  /** Every tile's map that is not null, one buffer. */
  maps: packedMapsSchema(MAX_SNAPSHOT_MAPS),
});
/** A snapshot as the server sends it. */
export type TeacherSnapshotWire = z.output<typeof teacherSnapshotWireSchema>;
/** A full snapshot, each map on its tile. */
export type TeacherSnapshot = Omit<TeacherSnapshotWire, "participants" | "maps"> & {
  participants: ParticipantTile[];
};

/** teacher:snapshot: checks the wire form and puts each map back on its tile (null: none yet). */
export const teacherSnapshotSchema = teacherSnapshotWireSchema.transform((wire): TeacherSnapshot => {
  const { maps, participants, ...rest } = wire;
  const byId = unpackMaps(maps);
  return { ...rest, participants: participants.map((tile) => ({ ...tile, map: byId.get(tile.id) ?? null })) };
});
/** teacher:resync ack. */
export const teacherResyncAckSchema = ackSchema({ snapshot: teacherSnapshotSchema });

/**
 * The wire form of a frame: each delta's map moves into one packed buffer.
 *
 * @example
 * socket.emit("teacher:frame", encodeTeacherFrame(frame));
 */
export function encodeTeacherFrame(frame: TeacherFrame): TeacherFrameWire {
  const maps: [string, Uint8Array][] = [];
  const participants = frame.participants.map((delta): ParticipantDeltaWire => {
    // Most deltas carry no map: sent as they are, not copied.
    if (!("map" in delta)) return delta;
    const { map, ...rest } = delta;
    if (map) maps.push([delta.id, map]);
    return rest;
  });
  // `maps` first: socket.io's encoder looks for binary key by key, and stops at the first found
  // (it walked every delta of every frame when the maps came last).
  return { maps: packMaps(maps), ...frame, participants };
}

/** The wire form of a snapshot: every tile's map moves into one packed buffer. */
export function encodeTeacherSnapshot(snapshot: TeacherSnapshot): TeacherSnapshotWire {
  const maps: [string, Uint8Array][] = [];
  const participants = snapshot.participants.map(({ map, ...tile }): ParticipantTileWire => {
    if (map) maps.push([tile.id, map]);
    return tile;
  });
  return { ...snapshot, participants, maps: packMaps(maps) };
}
