/**
 * `npm run start:cluster`: a worker tells the primary it can take connections (its socket.io is
 * set up with `@socket.io/sticky`). Until then the primary hands it none: a connection sent to a
 * worker still booting is lost (nothing there handles it) and its client hangs until it times out,
 * which is what the students of a killed worker met while its replacement booted.
 */
import type { Worker } from "node:cluster";
import { z } from "../../lib/zod";

const READY = "mlp:worker-ready";
const readyMessageSchema = z.object({ type: z.literal(READY) });

/** In a worker: announces it is ready for connections (no-op outside a cluster). */
export function announceWorkerReady(): void {
  process.send?.({ type: READY });
}

/**
 * In the primary: keeps sticky's least-connection balancing off a worker until it announced
 * itself. `@socket.io/sticky` 2.0 picks the worker with the fewest `clientsCount` (a field it
 * keeps on each Worker object): a booting worker counts as full, a ready one starts from 0.
 */
export function holdUntilReady(worker: Worker): void {
  const counted = worker as Worker & { clientsCount?: number };
  counted.clientsCount = Number.POSITIVE_INFINITY;
  worker.on("message", (message: unknown) => {
    if (readyMessageSchema.safeParse(message).success) counted.clientsCount = 0;
  });
}
