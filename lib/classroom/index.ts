/** Pure classroom rules shared by browser and server: settings and locks, join codes, nicknames, statuses. */
export * from "./groups";
export * from "./join-code";
export * from "./names";
export * from "./nickname";
export * from "./restore-choice";
export * from "./settings";
export * from "./stats";
export * from "./status";
export * from "./student-seed";
export * from "./verification";
