/**
 * The participant token in the browser: one entry per join code in localStorage, so a reload or
 * a dropped connection resumes the same participant. Read back through zod, because anything in
 * localStorage may have been edited or left by an older version.
 */
import { z } from "@/lib/zod";
import { idSchema, participantTokenSchema } from "@/lib/protocol";

/** Prefix of every key; the join code follows. */
const KEY_PREFIX = "mlp-classroom:participant:";

const storedParticipantSchema = z.object({
  token: participantTokenSchema,
  participantId: idSchema,
  classId: idSchema,
  nickname: z.string().max(200),
});
/** What the browser keeps for one class. */
export type StoredParticipant = z.output<typeof storedParticipantSchema>;

/** The stored participant for `code`, or null (none, unreadable, or storage blocked). */
export function loadParticipant(code: string): StoredParticipant | null {
  try {
    const raw = window.localStorage.getItem(KEY_PREFIX + code);
    if (raw === null) return null;
    const parsed = storedParticipantSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Keeps the participant for `code`; false when storage is blocked (private mode). */
export function saveParticipant(code: string, participant: StoredParticipant): boolean {
  try {
    window.localStorage.setItem(KEY_PREFIX + code, JSON.stringify(participant));
    return true;
  } catch {
    return false;
  }
}

/** Forgets the participant for `code` (removed by the teacher, or the token was refused). */
export function forgetParticipant(code: string): void {
  try {
    window.localStorage.removeItem(KEY_PREFIX + code);
  } catch {
    // Storage blocked: nothing was kept either.
  }
}
