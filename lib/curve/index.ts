/**
 * Loss curves, one way everywhere: the point type, the shape-keeping thinning (Worker, server,
 * dashboard, stored runs) and reading curves back (interpolation, cuts, chart grids). Pure.
 */
export type { CurveArrays, LossPoint } from "./point";
export { cutCurve, earlyDenseGrid, sampleCurve, stepGrid, toArrays } from "./sample";
export {
  appendToCurve,
  bucketOf,
  type CurveResolution,
  curveResolution,
  FIRST_EXACT_STEPS,
  thinCurve,
  toPoints,
} from "./thin";
