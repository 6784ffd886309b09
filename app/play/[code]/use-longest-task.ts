"use client";

import { useEffect, useRef, useState } from "react";

/**
 * The longest main-thread task (ms) since `since` changed — the page passes the current run's id,
 * so the figure covers training and drawing, not page load. From a PerformanceObserver on
 * "longtask" entries (tasks over 50 ms); browsers without that entry type report 0. The page
 * exposes it as data-longest-task-ms so the end-to-end test can read it.
 */
export function useLongestTask(since: string | null): number {
  const [longest, setLongest] = useState(0);
  const startRef = useRef(0);

  useEffect(() => {
    // `since` is the reset key: a new run measures afresh.
    void since;
    startRef.current = performance.now();
    setLongest(0);
  }, [since]);

  useEffect(() => {
    if (typeof PerformanceObserver === "undefined" || !PerformanceObserver.supportedEntryTypes?.includes("longtask"))
      return;
    const observer = new PerformanceObserver((list) => {
      let worst = 0;
      for (const entry of list.getEntries()) {
        if (entry.startTime >= startRef.current) worst = Math.max(worst, entry.duration);
      }
      if (worst > 0) setLongest((previous) => Math.max(previous, Math.round(worst)));
    });
    observer.observe({ type: "longtask" });
    return () => observer.disconnect();
  }, []);

  return longest;
}
