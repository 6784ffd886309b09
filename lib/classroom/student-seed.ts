/**
 * Each student's own init seed. With one seed for the class every tile started from the same net
 * and drew the same picture; a seed per student shows how much the start matters. A teacher who
 * wants one seed for everyone locks it (students may not change it), and then the class's is used.
 */
import { isHyperParamUnlocked, SEED_MAX, type SessionSettings } from "./settings";

/** FNV-1a's 32-bit offset basis and prime: a tiny, well-spread string hash (not for security). */
const FNV_OFFSET = 0x811c_9dc5;
const FNV_PRIME = 0x0100_0193;

/**
 * The student's own seed: a hash of the class's seed and the participant id, in 0…SEED_MAX. The
 * same student gets the same seed on every reload; a new class seed gives everyone a new one.
 *
 * @example studentInitSeed(42, "cm0abc…") // e.g. 2_914_805_112, stable for this participant
 */
export function studentInitSeed(classSeed: number, participantId: string): number {
  let hash = FNV_OFFSET;
  for (const char of `${classSeed}:${participantId}`) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash % (SEED_MAX + 1);
}

/**
 * The settings a student's form starts from: the class's, with their own init seed while the seed
 * is unlocked (the run is then started with it as their choice); the class's seed when locked.
 */
export function settingsForStudent(settings: SessionSettings, participantId: string): SessionSettings {
  if (!isHyperParamUnlocked(settings, "initSeed")) return settings;
  const initSeed = studentInitSeed(settings.defaults.initSeed, participantId);
  return { ...settings, defaults: { ...settings.defaults, initSeed } };
}
