import type { ClassState } from "@/lib/protocol";
import type { OwnedSession } from "@/server/sessions/find-owned-session";

/**
 * What a teacher page knows before the socket's snapshot: the stored session, nobody paused,
 * names shown. The snapshot replaces it within a round trip.
 */
export function initialClassState(session: OwnedSession): ClassState {
  return {
    classId: session.id,
    title: session.title,
    settings: session.settings,
    isPaused: false,
    isJoinOpen: session.isJoinOpen && session.status === "LIVE",
    isEnded: session.status === "ENDED",
    isAnonymized: false,
    isApprovalRequired: session.isApprovalRequired,
    // The snapshot brings the waiting list.
    waiting: [],
    spotlightId: null,
    generation: 0,
    // The snapshot brings the lesson and its pacing.
    lesson: null,
    experiment: null,
  };
}
