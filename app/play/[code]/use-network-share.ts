"use client";

import { useEffect, useRef } from "react";
import { NETWORK_MIN_INTERVAL_MS, type NetworkWeights } from "@/lib/protocol";
import type { TrainingView } from "./worker-protocol";

/**
 * While the teacher watches (spotlight), sends the run's weights as they change, at most every
 * NETWORK_MIN_INTERVAL_MS: the latest view's weights, trailing-edge, so the last ones always go.
 * Nothing is sent while nobody watches. The view already carries the weights (the network view
 * draws them), so this costs the page no extra work.
 */
export function useNetworkShare(
  view: TrainingView | null,
  isWatched: boolean,
  send: (weights: NetworkWeights) => void,
) {
  const lastSentAtRef = useRef(Number.NEGATIVE_INFINITY);
  const sentRef = useRef<TrainingView["weights"]>(null);
  const latestRef = useRef<NetworkWeights | null>(null);
  latestRef.current = view?.weights ? { runId: view.runId, step: view.step, weights: view.weights } : null;
  const sendRef = useRef(send);
  sendRef.current = send;
  const weights = view?.weights ?? null;

  useEffect(() => {
    if (!isWatched) {
      // Watched again later: send at once, even the same weights (the teacher may have none).
      sentRef.current = null;
      return;
    }
    if (weights === null || weights === sentRef.current) return;
    const flush = () => {
      const latest = latestRef.current;
      if (!latest || latest.weights === sentRef.current) return;
      sentRef.current = latest.weights;
      lastSentAtRef.current = performance.now();
      sendRef.current(latest);
    };
    const wait = lastSentAtRef.current + NETWORK_MIN_INTERVAL_MS - performance.now();
    if (wait <= 0) {
      flush();
      return;
    }
    const timer = setTimeout(flush, wait);
    return () => clearTimeout(timer);
  }, [weights, isWatched]);
}
