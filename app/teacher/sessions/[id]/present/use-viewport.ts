"use client";

import { useEffect, useState } from "react";

/** Before the first measure (the server render): a 1280 × 720 projector, the smallest we fit. */
const DEFAULT_VIEWPORT = { width: 1280, height: 720 } as const;

/** The window's inner size in CSS pixels, updated on resize (a projector is often resized once). */
export function useViewport(): { width: number; height: number } {
  const [size, setSize] = useState<{ width: number; height: number }>(DEFAULT_VIEWPORT);
  useEffect(() => {
    const measure = () => setSize({ width: window.innerWidth, height: window.innerHeight });
    measure();
    window.addEventListener("resize", measure);
    return () => window.removeEventListener("resize", measure);
  }, []);
  return size;
}
