/** An expected failure a user can act on: its message is safe to show as is. */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const APP_ERROR_CODES = [
  "INVALID_INPUT",
  "EMAIL_TAKEN",
  "INVALID_CREDENTIALS",
  "RATE_LIMITED",
  "NOT_FOUND",
  "FORBIDDEN",
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];
