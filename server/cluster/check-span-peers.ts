/**
 * The span's liveness check (server/cluster/span-classes): every {@link CLASS_OWNER_CHECK_MS} a
 * process checks the owners of the classes it relays and the relays whose sockets it holds.
 * A dead owner's class is taken over here at once and its room loaded from PostgreSQL before the
 * relayed clients are told to reconnect, so their handshakes (and those of the dead owner's own
 * students, which the balancer sends here) find the room open instead of each waiting for it.
 */
import type { ClassLease } from "./class-lease";
import type { NodeBus } from "./node-bus";

/**
 * How often a process checks the other processes it exchanges sockets with (owners, relays): a
 * dead owner's relayed students wait up to this long before they reconnect, inside the 5 s a
 * killed process's students have to be back. Per check: one GET and one PUBSUB NUMSUB per class.
 */
export const CLASS_OWNER_CHECK_MS = 500;

/** What the check reads from and does to its span. */
export type PeerCheckOptions = {
  lease: ClassLease;
  bus: NodeBus;
  /** Loads the class's room into this process's hub if it is not open; false when there is no such class. */
  ensureRoom(classId: string): Promise<boolean>;
  /** The classes this process relays, each with the owner its sockets were sent to. */
  relayedOwners(): Map<string, string>;
  /** The processes whose sockets this one holds as remote (it owns their classes). */
  relayNodes(): Set<string>;
  /** Makes the class's relayed sockets reconnect (to find its owner now). */
  rerouteClass(classId: string): void;
  /** A relay died without a word: its sockets count as disconnected. */
  dropRelay(node: string): void;
  /** Hears every move of a class between processes (rare: a dead or hung owner). */
  log(message: string): void;
  onError(error: unknown): void;
};

/** Starts the periodic check; `close()` stops it. */
export function startPeerCheck(options: PeerCheckOptions): { close(): void } {
  const { lease, bus } = options;
  let isChecking = false;

  /** The owner died: this process takes the class (if nobody else did meanwhile) and opens its room. */
  async function adopt(classId: string, deadOwner: string): Promise<void> {
    if ((await lease.takeOver(classId, deadOwner)) !== bus.nodeId) return;
    options.log(`class ${classId}: taken over from ${deadOwner}`);
    if (!(await options.ensureRoom(classId))) await lease.release(classId);
  }

  async function check(): Promise<void> {
    for (const [classId, owner] of options.relayedOwners()) {
      const [current, isAlive] = await Promise.all([lease.owner(classId), bus.isAlive(owner)]);
      if (current === owner && isAlive) continue;
      // Dead, or alive but it let the lease lapse (hung past CLASS_LEASE_MS, or it let the class go):
      // the class is taken here and its room opened before anyone reconnects. Rerouting first
      // would send the clients to claim the free lease wherever each one lands.
      const why = isAlive ? `its lease is ${current === null ? "free" : `held by ${current}`}` : "it is gone";
      options.log(`class ${classId}: owner ${owner} no longer owns it (${why}); rerouting its relayed sockets`);
      if (current === null || (current === owner && !isAlive)) await adopt(classId, owner).catch(options.onError);
      options.rerouteClass(classId);
    }
    for (const node of options.relayNodes()) {
      if (!(await bus.isAlive(node))) options.dropRelay(node);
    }
  }

  const timer = setInterval(() => {
    // A slow check (a room loading on a busy machine) is not run twice at once.
    if (isChecking) return;
    isChecking = true;
    check()
      .catch(options.onError)
      .finally(() => {
        isChecking = false;
      });
  }, CLASS_OWNER_CHECK_MS);
  timer.unref();
  return { close: () => clearInterval(timer) };
}
