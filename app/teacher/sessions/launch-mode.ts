/** How the launch form starts a class: from a lesson's steps, or with settings typed in. */
export const LAUNCH_MODE = { lesson: "lesson", free: "free" } as const;
/** One launch mode. */
export type LaunchMode = (typeof LAUNCH_MODE)[keyof typeof LAUNCH_MODE];
