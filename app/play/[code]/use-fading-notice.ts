"use client";

import { useEffect, useState } from "react";

/**
 * How long a notice ("Your teacher reset the class…") stays up. Long enough to read two lines
 * twice; after that it is stale: the status line above says what the run is doing now.
 */
export const NOTICE_VISIBLE_MS = 8_000;

/**
 * The notice to show: `notice` for {@link NOTICE_VISIBLE_MS} after it (or `key`, e.g. the class's
 * reset generation, so a second reset with the same words shows again) last changed, then null.
 */
export function useFadingNotice(notice: string | null, key: unknown): string | null {
  const [hidden, setHidden] = useState<{ notice: string | null; key: unknown } | null>(null);
  useEffect(() => {
    if (notice === null) return;
    const handle = setTimeout(() => setHidden({ notice, key }), NOTICE_VISIBLE_MS);
    return () => clearTimeout(handle);
  }, [notice, key]);
  return hidden !== null && hidden.notice === notice && hidden.key === key ? null : notice;
}
