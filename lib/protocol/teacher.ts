/** Messages a teacher socket (dashboard or projector view) sends. */

import { groupExperimentRequestSchema } from "../classroom/groups";
import { sessionSettingsSchema } from "../classroom/settings";
import { z } from "../zod";
import { idSchema } from "./common";
import { ackSchema } from "./events";

/** The class controls, by `type`. Values are the wire format. */
export const CLASS_CONTROL = {
  /** Every student starts (or resumes) training; lifts a pause. */
  startAll: "startAll",
  /** Every student's training stops; train buttons stay disabled until startAll. */
  pauseAll: "pauseAll",
  /** Everyone restarts from the current settings as a new run. */
  resetAll: "resetAll",
  /** New dataset or defaults for everyone, applied as a reset. */
  changeSettings: "changeSettings",
  closeJoining: "closeJoining",
  openJoining: "openJoining",
  /** Removes one student: their tile goes, their token stops working. */
  remove: "remove",
  /** Ends the session for everyone. */
  end: "end",
  /** Tiles (and the projector) show "Student N" instead of nicknames. */
  anonymize: "anonymize",
  /** Enlarges one tile on dashboard and projector; null clears it. */
  spotlight: "spotlight",
  /** Allows or forbids adding points while training, now, without resetting anyone's run (v3). */
  pointEdits: "pointEdits",
  /** Approval mode on or off: while on, new joins wait on the waiting list. */
  requireApproval: "requireApproval",
  /** Lets one waiting student in: their tile appears and their page enters the class. */
  admit: "admit",
  /** Lets every waiting student in. */
  admitAllWaiting: "admitAllWaiting",
  /** Refuses one waiting student: their token stops working, their page says so. */
  deny: "deny",
  /** Refuses every waiting student (a flood of fake joins). */
  denyAllWaiting: "denyAllWaiting",
  /**
   * Splits the class into 2–4 groups that differ in one setting, or ends the split (null): every
   * student restarts as a new run with their group's settings, as with changeSettings (v3).
   */
  groups: "groups",
} as const;
/** One class control type. */
export type ClassControlType = (typeof CLASS_CONTROL)[keyof typeof CLASS_CONTROL];

/**
 * class:control (acked): one command, a discriminated union on `type`.
 *
 * @example
 * socket.emit("class:control", { type: "remove", participantId }, (ack) => { if (!ack.ok) toast(ack.error.message) });
 */
export const classControlSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal(CLASS_CONTROL.startAll) }),
  z.object({ type: z.literal(CLASS_CONTROL.pauseAll) }),
  z.object({ type: z.literal(CLASS_CONTROL.resetAll) }),
  z.object({ type: z.literal(CLASS_CONTROL.changeSettings), settings: sessionSettingsSchema }),
  z.object({ type: z.literal(CLASS_CONTROL.closeJoining) }),
  z.object({ type: z.literal(CLASS_CONTROL.openJoining) }),
  z.object({ type: z.literal(CLASS_CONTROL.remove), participantId: idSchema }),
  z.object({ type: z.literal(CLASS_CONTROL.end) }),
  z.object({ type: z.literal(CLASS_CONTROL.anonymize), isAnonymized: z.boolean() }),
  z.object({ type: z.literal(CLASS_CONTROL.spotlight), participantId: idSchema.nullable() }),
  z.object({ type: z.literal(CLASS_CONTROL.pointEdits), isAllowed: z.boolean() }),
  z.object({ type: z.literal(CLASS_CONTROL.requireApproval), isRequired: z.boolean() }),
  z.object({ type: z.literal(CLASS_CONTROL.admit), participantId: idSchema }),
  z.object({ type: z.literal(CLASS_CONTROL.admitAllWaiting) }),
  z.object({ type: z.literal(CLASS_CONTROL.deny), participantId: idSchema }),
  z.object({ type: z.literal(CLASS_CONTROL.denyAllWaiting) }),
  z.object({ type: z.literal(CLASS_CONTROL.groups), experiment: groupExperimentRequestSchema.nullable() }),
]);
/** A class control command. */
export type ClassControl = z.output<typeof classControlSchema>;
/** class:control ack. */
export const classControlAckSchema = ackSchema({});

/** teacher:resync (acked): no fields; the ack carries the snapshot (see frames.ts). */
export const teacherResyncSchema = z.object({}).optional();
