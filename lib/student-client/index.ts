/**
 * The student's side of the live class, framework-free: one client for the student page and the
 * simulator's bots, over an injected socket (socket-port.ts), with one retry policy.
 */
export * from "./retry-policy";
export * from "./socket-port";
export * from "./student-client";
