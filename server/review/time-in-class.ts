/**
 * A participant's time in class from their presence intervals (PresenceInterval): the length of
 * their union, so two tabs or two server processes never count twice, cut at their removal and at
 * the session's end. Pure, so the figure the review shows is the figure the tests check.
 */

/** One stored interval. */
export type PresenceSpan = { startedAt: Date; endedAt: Date };

/** What bounds a participant's time: the session's end and their removal, when they happened. */
export type PresenceBounds = {
  sessionEndedAt: Date | null;
  removedAt: Date | null;
  /** Before presence was tracked (no intervals): the old estimate, last seen − joined. */
  joinedAt: Date;
  lastSeenAt: Date;
};

/**
 * Milliseconds in class. A participant with no interval was recorded before presence intervals
 * existed (or never connected): their sessions keep the figure they always had.
 *
 * @example timeInClassMs([{ startedAt: t(0), endedAt: t(30_000) }, { startedAt: t(20_000), endedAt: t(50_000) }], bounds) // 50_000
 */
export function timeInClassMs(spans: readonly PresenceSpan[], bounds: PresenceBounds): number {
  if (spans.length === 0) return Math.max(0, bounds.lastSeenAt.getTime() - bounds.joinedAt.getTime());
  const cut = Math.min(
    bounds.sessionEndedAt?.getTime() ?? Number.POSITIVE_INFINITY,
    bounds.removedAt?.getTime() ?? Number.POSITIVE_INFINITY,
  );
  const clipped = spans
    .map((span) => [span.startedAt.getTime(), Math.min(span.endedAt.getTime(), cut)] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let runStart = Number.NaN;
  let runEnd = Number.NEGATIVE_INFINITY;
  for (const [start, end] of clipped) {
    if (start > runEnd) {
      if (runEnd > runStart) total += runEnd - runStart;
      runStart = start;
      runEnd = end;
    } else runEnd = Math.max(runEnd, end);
  }
  if (runEnd > runStart) total += runEnd - runStart;
  return total;
}
