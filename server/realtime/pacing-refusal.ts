/** How a refused pacing command is answered: the use case's AppError as a protocol error. */
import { ERROR_CODE, type ProtocolError } from "../../lib/protocol";
import { AppError } from "../errors";

const CODE_BY_APP_ERROR: Partial<Record<AppError["code"], ProtocolError["code"]>> = {
  INVALID_INPUT: ERROR_CODE.stepNotAllowed,
  NOT_FOUND: ERROR_CODE.notFound,
  FORBIDDEN: ERROR_CODE.forbidden,
  // Commands racing on one class: "not now", the teacher clicks again.
  RATE_LIMITED: ERROR_CODE.rateLimited,
};

/** The protocol error for what storing a pacing command threw; anything unexpected is INTERNAL. */
export function pacingRefusal(error: unknown): ProtocolError {
  const code = error instanceof AppError ? CODE_BY_APP_ERROR[error.code] : undefined;
  if (!code || !(error instanceof AppError)) return { code: ERROR_CODE.internal, message: "Internal error" };
  return { code, message: error.message };
}
