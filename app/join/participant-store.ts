/**
 * The participant token in the browser: one entry per join code in localStorage, so a reload or
 * a dropped connection resumes the same participant. Read back through zod, because anything in
 * localStorage may have been edited or left by an older version.
 */

import { idSchema, participantTokenSchema } from "@/lib/protocol";
import { storableString } from "@/lib/storable-string";
import { z } from "@/lib/zod";
import { storedJson } from "../_components/stored-json";

/** Prefix of every key; the join code follows. */
const KEY_PREFIX = "mlp-classroom:participant:";

const storedParticipantSchema = z.object({
  token: participantTokenSchema,
  participantId: idSchema,
  classId: idSchema,
  nickname: storableString().max(200),
});
/** What the browser keeps for one class. */
export type StoredParticipant = z.output<typeof storedParticipantSchema>;

const store = storedJson(KEY_PREFIX, storedParticipantSchema);

/** The stored participant for `code`, or null (none, unreadable, or storage blocked). */
export const loadParticipant = (code: string): StoredParticipant | null => store.load(code);

/** Keeps the participant for `code`; false when storage is blocked (private mode). */
export const saveParticipant = (code: string, participant: StoredParticipant): boolean => store.save(code, participant);

/** Forgets the participant for `code` (removed by the teacher, or the token was refused). */
export const forgetParticipant = (code: string): void => store.forget(code);
