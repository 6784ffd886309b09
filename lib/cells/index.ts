/**
 * The chapter's runnable cells in class: definitions (stubs, cases, test points), the session's
 * fixed forward-pass weights, the `run` interface to a sandbox, and the checker. Pure.
 */
export { CELL_HIDDEN, type CellWeights, cellWeights } from "./cell-weights";
export {
  type CaseReport,
  type CellReport,
  checkForwardPass,
  checkLinear,
  checkTraining,
  type ForwardBar,
  type ForwardPassOptions,
  MISSING_RELU_HINT,
  OUTPUT_RELU_HINT,
  reportError,
  SUM_ORDER_HINT,
  type TrainingOptions,
  type TrainingOutcome,
} from "./check-cells";
export {
  CLOSE_RELATIVE_TOLERANCE,
  compareVectors,
  digitsToTellApart,
  formatNumber,
  formatValue,
  SHOWN_DIGITS,
  type Verdict,
} from "./compare";
export {
  CELL,
  CELL_ENTRY,
  CELL_NUMBERS,
  CELL_STUBS,
  CELL_TIME_LIMIT_MS,
  CELL_TITLES,
  type CellNumber,
  FORWARD_PASS_POINTS,
  LINEAR_CASES,
  type LinearCase,
  TIMEOUT_MESSAGE,
} from "./definitions";
export {
  type CallResult,
  type CodeError,
  callResultSchema,
  codeErrorSchema,
  GIVEN,
  type Given,
  OUTPUT,
  type Output,
  type RunCode,
  type RunRequest,
  type RunResponse,
  runResponseSchema,
} from "./runner";
