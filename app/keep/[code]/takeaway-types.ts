/** POST /api/takeaway's answer, as lib/protocol's takeawaySchema parses it. */
import type { Takeaway } from "@/lib/protocol";

/** The take-away as the page reads it. */
export type TakeawayData = Takeaway;

/** What the page shows: loading, the take-away, or why not. */
export type KeepState =
  | { status: "loading" }
  | { status: "notKept" }
  | { status: "refused"; message: string }
  | { status: "unreachable" }
  | { status: "ready"; data: TakeawayData };
