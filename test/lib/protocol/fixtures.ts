/** Valid payloads to start from; each test breaks one thing. */
import { HIDDEN_MAX } from "../../../lib/classroom/settings";
import { MAP_BYTES, MAX_CURVE_POINTS } from "../../../lib/protocol";

export function validMap(): Uint8Array {
  return new Uint8Array(MAP_BYTES).fill(128);
}

export function validProgress() {
  return {
    runId: "run_1",
    step: 40,
    accuracy: 0.75,
    points: [
      [20, 0.6],
      [40, 0.5],
    ] as [number, number][],
    map: validMap(),
  };
}

export function weightsFor(hidden: number, value = 0.5) {
  return {
    w1: Array.from({ length: hidden }, () => [value, -value]),
    b1: Array.from({ length: hidden }, () => value),
    w2: [Array.from({ length: hidden }, () => value)],
    b2: [value],
    activation: "relu" as const,
  };
}

export function validFinish() {
  return {
    runId: "run_1",
    outcome: "completed" as const,
    step: 2000,
    loss: 0.05,
    accuracy: 0.97,
    curve: [
      [0, 0.7],
      [1000, 0.2],
      [2000, 0.05],
    ] as [number, number][],
    map: validMap(),
    weights: weightsFor(8),
  };
}

/** The largest legal run:finish: 1,000 points and hidden-32 weights with the longest numbers JSON prints. */
export function largestFinish() {
  const longest = -2.2250738585072014e-308;
  return {
    ...validFinish(),
    runId: "r".repeat(64),
    step: 20_000,
    curve: Array.from(
      { length: MAX_CURVE_POINTS },
      (_, i) => [10_000 + i, 2.2250738585072014e-308 + i * 1e-310] as [number, number],
    ),
    weights: weightsFor(HIDDEN_MAX, longest),
  };
}
