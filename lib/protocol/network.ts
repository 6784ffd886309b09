/**
 * The spotlit student's network, live (protocol v3): the server tells a student when the teacher
 * watches them (student:watch); while watched, the student sends only their weights (the chapter's
 * form: 33 numbers at hidden 8) at most every {@link NETWORK_MIN_INTERVAL_MS}; the server passes
 * them to the class's teacher sockets (teacher:network), which draw every unit from them with
 * lib/ml/nn. Nothing is sent for a student nobody watches.
 */
import type { RunConfig } from "../classroom/settings";
import { z } from "../zod";
import { idSchema, stepSchema, type Weights, weightsSchema } from "./common";

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

/**
 * How long a snapshot waits for the student's weights (network:request → network:answer). A page
 * answers from the view it already holds (no training step, no computation): one round trip, tens
 * of milliseconds on a school LAN and a few hundred on a loaded phone or a busy server. Two
 * seconds covers those; past it the snapshot is stored without them and says so.
 */
export const WEIGHTS_ANSWER_TIMEOUT_MS = 2000;

/**
 * network:request (server → one student's sockets, reliable, v3): a one-off ask for the current
 * run's weights, when the teacher snapshots a tile whose weights the server lacks (a student
 * mid-run who is not spotlit). The student answers once with network:answer, or not at all; the
 * server waits at most WEIGHTS_ANSWER_TIMEOUT_MS (server/realtime/room-weights.ts).
 *
 * @example
 * socket.on("network:request", ({ requestId, runId }) => socket.volatile.emit("network:answer", { requestId, runId, step, weights }));
 */
export const networkRequestSchema = z.object({
  /** Made by the server per request; the answer names it. */
  requestId: idSchema,
  /** The run whose weights are wanted: the student's current run as the server knows it. */
  runId: idSchema,
});
/** A one-off weights request. */
export type NetworkRequest = z.output<typeof networkRequestSchema>;

/**
 * network:answer (student → server, volatile, v3): the answer to one network:request. `weights`
 * null: the page has none to give (no run, a diverged net, a simulated student replaying a shared
 * run). The server checks the weights against the run (shape, activation, finite) before using them.
 */
export const networkAnswerSchema = z.object({
  requestId: idSchema,
  runId: idSchema,
  step: stepSchema,
  weights: weightsSchema.nullable(),
});
/** The answer to a weights request. */
export type NetworkAnswer = z.output<typeof networkAnswerSchema>;

/**
 * True when `weights` are the network `config` trains: one unit per hidden unit (hidden 0 is the
 * single neuron: one "linear" unit) with the run's activation. The schema already checked that
 * the shapes agree with each other; this checks they agree with the run.
 *
 * @example weightsFitRun({ hidden: 8, activation: "relu" }, weights) // false for 4 units or tanh
 */
export function weightsFitRun(config: Pick<RunConfig, "hidden" | "activation">, weights: Weights): boolean {
  const units = Math.max(1, config.hidden);
  const activation = config.hidden === 0 ? "linear" : config.activation;
  return weights.w1.length === units && weights.activation === activation;
}
