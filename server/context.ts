import type { PrismaClient } from "./db/client";
import type { Env } from "./env";
import type { WriterStatus } from "./persistence/write-queue";

/**
 * What the running server shares with Next's route code: the env and the database.
 *
 * Next bundles app/ code separately from server/index.ts, so a plain module singleton would exist
 * twice. The custom server stores the context on globalThis once at start-up; pages, route
 * handlers and server actions read it here.
 */
export type AppContext = {
  env: Env;
  db: PrismaClient;
  /** Base URL students use to join (PUBLIC_URL, or the server's LAN address). */
  publicUrl: string;
  databaseKind: "postgres" | "embedded";
  /** The batched writer's state (backlog, database reachable), once the live class is attached. */
  writerStatus?: () => WriterStatus;
};

const CONTEXT_KEY = Symbol.for("mlp-classroom.app-context");

type GlobalWithContext = typeof globalThis & { [CONTEXT_KEY]?: AppContext };

export function setAppContext(context: AppContext | undefined): void {
  (globalThis as GlobalWithContext)[CONTEXT_KEY] = context;
}

export function getAppContext(): AppContext {
  const context = (globalThis as GlobalWithContext)[CONTEXT_KEY];
  if (!context) {
    throw new Error("MLP Classroom server context is missing: start the app with `npm start` or `npm run dev`");
  }
  return context;
}
