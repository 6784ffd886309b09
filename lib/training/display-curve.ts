/**
 * The student's own loss chart, kept as the run goes: lib/curve's thinning fed only the steps
 * new since the last view, so a view costs the same at step 100 as at step 20,000.
 */
import { appendToCurve, type CurveArrays, curveResolution, type LossPoint, toPoints } from "../curve";
import type { RunDriver } from "./run-driver";

/**
 * A function returning the run's curve thinned to at most `maxPoints` so far.
 *
 * @example const curveOf = followCurve(driver, DISPLAY_CURVE_POINTS); view.curve = curveOf();
 */
export function followCurve(driver: RunDriver, maxPoints: number): () => LossPoint[] {
  const resolution = curveResolution(maxPoints, driver.config.steps);
  const curve: CurveArrays = { steps: [], losses: [] };
  let fed = 0;
  return () => {
    for (; fed < driver.pointCount; fed++) {
      const [step, loss] = driver.pointAt(fed);
      appendToCurve(curve, step, loss, resolution);
    }
    return toPoints(curve);
  };
}
