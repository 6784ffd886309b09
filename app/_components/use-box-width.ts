"use client";

import { useEffect, useState } from "react";

/**
 * The element's content width in CSS px, clamped to [min, max], following resizes: maps and the
 * network view fill their column and still fit a 375 px phone.
 */
export function useBoxWidth(ref: React.RefObject<HTMLElement | null>, max: number, min = 120): number {
  const [width, setWidth] = useState(Math.min(max, 300));
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => setWidth(Math.max(min, Math.min(max, Math.floor(element.clientWidth))));
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, max, min]);
  return width;
}
