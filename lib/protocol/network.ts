/**
 * The spotlit student's network, live (protocol v3): the server tells a student when the teacher
 * watches them (student:watch); while watched, the student sends only their weights (the chapter's
 * form: 33 numbers at hidden 8) at most every {@link NETWORK_MIN_INTERVAL_MS}; the server passes
 * them to the class's teacher sockets (teacher:network), which draw every unit from them with
 * lib/ml/nn. Nothing is sent for a student nobody watches.
 */
import { z } from "../zod";
import { idSchema, stepSchema, weightsSchema } from "./common";

/**
 * network:weights (volatile, student → server, at most every NETWORK_MIN_INTERVAL_MS, only while
 * watched): the run's weights now.
 *
 * @example
 * socket.volatile.emit("network:weights", { runId, step: 420, weights });
 */
export const networkWeightsSchema = z.object({
  runId: idSchema,
  step: stepSchema,
  weights: weightsSchema,
});
/** A watched student's weights. */
export type NetworkWeights = z.output<typeof networkWeightsSchema>;

/** student:watch (server → student, reliable): start (or stop) sending network:weights. */
export const studentWatchSchema = z.object({ isWatched: z.boolean() });
/** Whether the teacher watches this student's network. */
export type StudentWatch = z.output<typeof studentWatchSchema>;

/** teacher:network (server → teachers): whose weights, at which step of which run. */
export const teacherNetworkSchema = networkWeightsSchema.extend({ participantId: idSchema });
/** The spotlit student's weights as the teacher receives them. */
export type TeacherNetwork = z.output<typeof teacherNetworkSchema>;
