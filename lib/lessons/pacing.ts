/**
 * Pacing, as Desmos Classroom paces screens: the teacher either sends everyone to one step or lets
 * students move freely within a range of steps. The class's pacing is three numbers (0-based
 * step indexes, the ClassSession columns currentStep, allowedStepFrom, allowedStepTo); these pure
 * rules decide what a teacher's command makes of it and where a student may be. The live class
 * (server/realtime, after issue 12) applies them; nothing here knows about sockets.
 */
import { z } from "../zod";
import { LESSON_STEPS_MAX } from "./schema";

/** Where the class is: the step newcomers start on, and the steps students may be on (inclusive). */
export type Pacing = { currentStep: number; allowedFrom: number; allowedTo: number };

const stepIndexSchema = z
  .int()
  .min(0)
  .max(LESSON_STEPS_MAX - 1);

/** A teacher's pacing command, as the protocol will carry it (0-based steps; pages show them from 1). */
export const pacingCommandSchema = z.discriminatedUnion("type", [
  /** "Send everyone to step N": everyone moves there and stays until the teacher moves on. */
  z.object({ type: z.literal("sendEveryone"), step: stepIndexSchema }),
  /** "Let students move freely within steps A–B": newcomers start on A (or on the current step if inside). */
  z.object({ type: z.literal("allowRange"), from: stepIndexSchema, to: stepIndexSchema }),
]);
/** One pacing command. */
export type PacingCommand = z.output<typeof pacingCommandSchema>;

/** A launched class: everyone on step 1. */
export const START_PACING: Pacing = { currentStep: 0, allowedFrom: 0, allowedTo: 0 };

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);

/**
 * The pacing after `command` in a lesson of `stepCount` steps, or an error message for a step the
 * lesson does not have or a range the wrong way round. Never throws.
 *
 * @example applyPacing(START_PACING, { type: "sendEveryone", step: 3 }, 9) // { ok: true, pacing: { currentStep: 3, allowedFrom: 3, allowedTo: 3 } }
 */
export function applyPacing(
  pacing: Pacing,
  command: PacingCommand,
  stepCount: number,
): { ok: true; pacing: Pacing } | { ok: false; message: string } {
  const last = stepCount - 1;
  const outside = (step: number) => step > last;
  if (command.type === "sendEveryone") {
    if (outside(command.step)) return { ok: false, message: `This lesson has ${stepCount} steps` };
    return { ok: true, pacing: { currentStep: command.step, allowedFrom: command.step, allowedTo: command.step } };
  }
  if (outside(command.to) || outside(command.from)) return { ok: false, message: `This lesson has ${stepCount} steps` };
  if (command.from > command.to) return { ok: false, message: "The range must start before it ends" };
  const currentStep = clamp(pacing.currentStep, command.from, command.to);
  return { ok: true, pacing: { currentStep, allowedFrom: command.from, allowedTo: command.to } };
}

/** True when a student may be on `step` under this pacing. */
export function isStepAllowed(pacing: Pacing, step: number): boolean {
  return Number.isInteger(step) && step >= pacing.allowedFrom && step <= pacing.allowedTo;
}

/**
 * Where a student stands once the pacing changed: where they were if that is still allowed, else
 * the class's current step (a newcomer, with no step yet, starts there too).
 */
export function placeStudent(pacing: Pacing, studentStep: number | null): number {
  return studentStep !== null && isStepAllowed(pacing, studentStep) ? studentStep : pacing.currentStep;
}
