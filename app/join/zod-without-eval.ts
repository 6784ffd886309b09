/**
 * Turns off zod's eval-compiled fast path on the student pages. They run under a CSP without
 * 'unsafe-eval'; zod probes `new Function` when it builds its first object schema, which the
 * browser blocks and reports as a violation (zod then falls back anyway). Import this for its
 * side effect as the first import of every student client entry, before any module that defines
 * schemas. (The training Worker is served without the page policy and keeps the fast path.)
 * Same as the teacher pages' app/teacher/sessions/[id]/_lib/zod-without-eval.ts; one shared
 * module would be better once someone owns a shared app/_lib.
 */
import { z } from "zod";

z.config({ jitless: true });
