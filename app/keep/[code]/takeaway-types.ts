import type { ParticipantDetailData } from "@/app/teacher/sessions/[id]/review/_lib/review-types";

/** POST /api/takeaway's answer (server/participants/get-takeaway.ts), as this page reads it: our own server's JSON. */
export type TakeawayData = {
  session: {
    title: string;
    status: "LIVE" | "ENDED";
    endedAt: string | null;
    dataset: string;
    noise: number;
    dataSeed: number;
    targetAccuracy: number;
    lessonTitle: string | null;
  };
  detail: ParticipantDetailData;
  chapterPython: string;
  loadNotes: Record<string, string>;
};

/** What the page shows: loading, the take-away, or why not. */
export type KeepState =
  | { status: "loading" }
  | { status: "notKept" }
  | { status: "refused"; message: string }
  | { status: "unreachable" }
  | { status: "ready"; data: TakeawayData };
