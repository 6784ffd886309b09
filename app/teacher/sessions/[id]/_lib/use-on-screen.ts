"use client";

import { useCallback, useState } from "react";

/** Elements this far outside the viewport count as on screen, so scrolling shows them up to date (a row is ~220 px). */
const ON_SCREEN_MARGIN = "300px";

/** One IntersectionObserver for every tile of the page, and whom to tell about each element. */
let observer: IntersectionObserver | null = null;
const onChange = new WeakMap<Element, (isOnScreen: boolean) => void>();

function sharedObserver(): IntersectionObserver {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) onChange.get(entry.target)?.(entry.isIntersecting);
    },
    { rootMargin: ON_SCREEN_MARGIN },
  );
  return observer;
}

/**
 * Whether the element is on screen (within a margin), and the callback ref to put on it. Off
 * screen until the observer first reports; without IntersectionObserver, always on screen.
 *
 * @example const [ref, isOnScreen] = useOnScreen<HTMLLIElement>(); const tile = useClassTile(id, isOnScreen);
 */
export function useOnScreen<E extends Element>(): [(element: E | null) => (() => void) | undefined, boolean] {
  const [isOnScreen, setIsOnScreen] = useState(false);
  const ref = useCallback((element: E | null) => {
    if (!element) return undefined;
    if (typeof IntersectionObserver === "undefined") {
      setIsOnScreen(true);
      return undefined;
    }
    const shared = sharedObserver();
    onChange.set(element, setIsOnScreen);
    shared.observe(element);
    return () => {
      shared.unobserve(element);
      onChange.delete(element);
    };
  }, []);
  return [ref, isOnScreen];
}
