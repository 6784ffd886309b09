/**
 * Turns off zod's eval-compiled fast path in the browser. The pages run under a CSP without
 * 'unsafe-eval'; zod probes `new Function` on its first object parse, which the browser blocks
 * and reports as a violation (and zod then falls back anyway). Saying so up front skips the probe.
 * zod probes when an object schema is *built*, so import this for its side effect as the first
 * import of a client entry, before any module that defines schemas.
 */
import { z } from "zod";

z.config({ jitless: true });
