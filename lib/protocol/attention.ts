/**
 * "Needs attention" on the wire (protocol v3): the flags the room computes for each student
 * (lib/classroom/attention) travel on their tile, each with whether the teacher marked it seen;
 * the teacher marks a student's flag seen with attention:seen (acked once the mark is stored).
 * The same shapes are what storage keeps: a run's flags (Run.flags) and a participant's seen
 * marks (Participant.attentionSeen).
 */
import { ATTENTION_KINDS, type AttentionKind } from "../classroom/attention";
import { storableString } from "../storable-string";
import { z } from "../zod";
import { idSchema } from "./common";
import { ackSchema } from "./events";

/** Flags on one tile at most: one per kind, and one per chapter cell for "stuck on a cell". */
export const MAX_TILE_FLAGS = 16;
/** A flag's reason, in words: one short sentence. */
export const ATTENTION_REASON_MAX_CHARS = 200;

/** One kind of flag. */
export const attentionKindSchema = z.enum(ATTENTION_KINDS as [AttentionKind, ...AttentionKind[]]);

/** A flag as stored with a run (Run.flags): its kind, the worst level it reached, and why. */
export const storedFlagSchema = z.object({
  kind: attentionKindSchema,
  level: z.int().min(1),
  reason: storableString().max(ATTENTION_REASON_MAX_CHARS),
});
/** A flag as stored with a run. */
export type StoredFlag = z.output<typeof storedFlagSchema>;

/** Run.flags: every flag the run raised while the room watched it, at its worst level. */
export const storedFlagsSchema = z.array(storedFlagSchema).max(MAX_TILE_FLAGS);

/** A flag on a tile: `isSeen` when the teacher marked it seen and it has not grown worse since. */
export const tileFlagSchema = storedFlagSchema.extend({ isSeen: z.boolean() });
/** A flag on a tile. */
export type TileFlag = z.output<typeof tileFlagSchema>;

/** A tile's flags, most urgent first (lib/classroom/attention ATTENTION_KINDS order). */
export const tileFlagsSchema = z.array(tileFlagSchema).max(MAX_TILE_FLAGS);

/**
 * Participant.attentionSeen: per kind, the level the teacher marked seen. A mark holds while its
 * condition does; the flag shows again when it grows worse, or when it clears and comes back.
 */
export const seenMarksSchema = z.partialRecord(attentionKindSchema, z.int().min(1));
/** Seen marks as stored. */
export type StoredSeenMarks = z.output<typeof seenMarksSchema>;

/**
 * attention:seen (acked, teacher → server): marks one student's flag of `kind` seen at the level
 * it has now. The ack comes once the mark is stored; the tile's next frame shows it seen.
 *
 * @example
 * socket.emit("attention:seen", { participantId, kind: "plateau" }, (ack) => { if (!ack.ok) toast(ack.error.message) });
 */
export const attentionSeenSchema = z.object({ participantId: idSchema, kind: attentionKindSchema });
/** A seen mark request. */
export type AttentionSeen = z.output<typeof attentionSeenSchema>;
/** attention:seen ack. */
export const attentionSeenAckSchema = ackSchema({});
