/**
 * POST /api/takeaway's answer is our own server's JSON, read by our own page: the type comes from
 * the use case that builds it (a type-only import, erased from the browser bundle).
 */
import type { Takeaway } from "@/server/participants/get-takeaway";

/** The take-away as the page reads it. */
export type TakeawayData = Takeaway;

/** What the page shows: loading, the take-away, or why not. */
export type KeepState =
  | { status: "loading" }
  | { status: "notKept" }
  | { status: "refused"; message: string }
  | { status: "unreachable" }
  | { status: "ready"; data: TakeawayData };
