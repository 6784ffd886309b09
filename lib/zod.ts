/**
 * zod as lib/ and app/ use it: import `z` from here, never from "zod" directly (lint enforces it).
 *
 * In a browser or Web Worker zod runs jitless. Its fast path compiles parsers with `new Function`,
 * and it probes for that when an object schema is built; the pages' Content-Security-Policy has
 * no 'unsafe-eval', so the probe is blocked and reported as a violation. Configuring it here, in
 * the module that hands out `z`, runs before any schema is built. Node keeps the faster compiled
 * path for the server's socket validation.
 */
import { z } from "zod";

const isBrowserLike =
  typeof window !== "undefined" || typeof (globalThis as { importScripts?: unknown }).importScripts === "function";
if (isBrowserLike) z.config({ jitless: true });

export { z };
