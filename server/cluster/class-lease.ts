/**
 * Who owns a class when several processes serve it (REDIS_URL): one process per class holds a
 * lease in Redis (`<prefix>owner:<classId>` = its node id, with a TTL it keeps renewing). The
 * owner holds the class's room (pause, settings, generation, joining, approvals, spotlight,
 * anonymize, lesson step) and is the only one that writes its results; the others relay their
 * sockets' events to it. Why a lease rather than PostgreSQL as the source of truth: README
 * "Several processes".
 */
import type { Redis } from "ioredis";

/**
 * How long a lease lives without renewal: how long an owner's event loop may stall (a long task,
 * GC, a CPU starved by its neighbours) before its class goes to another process. A dead owner
 * does not wait for it: its Redis connections close with it, and the relays' liveness check
 * (CLASS_OWNER_CHECK_MS, PUBSUB NUMSUB) takes its classes over within half a second. So the TTL
 * only bounds an owner that is alive but hung, and must stay well above the stalls of a loaded
 * loop: 5 s was not (a 2,000-student cluster on 2 cores lapsed it, and the class flipped between
 * the workers), 30 s is, and stays below socket.io's ping timeout (25 s + 20 s), after which the
 * hung owner's own clients drop anyway.
 */
export const CLASS_LEASE_MS = 30_000;
/** Renewal period: a renewal late by up to the TTL less this (a stalled loop, a Redis hiccup) keeps the lease. */
export const CLASS_LEASE_RENEW_MS = 1_000;

/** Extends the lease only if this node still holds it (1), else leaves it alone (0). */
const RENEW_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
/** Deletes the lease only if this node holds it. */
const RELEASE_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
/** Hands a dead node's lease to this node; a lease someone else took meanwhile stays theirs. */
const TAKEOVER_SCRIPT = `local owner = redis.call('get', KEYS[1])
if owner == false or owner == ARGV[1] then redis.call('set', KEYS[1], ARGV[2], 'PX', ARGV[3]) return ARGV[2] end
return owner`;

/** The leases of one node. */
export type ClassLease = ReturnType<typeof createClassLease>;

/**
 * Leases held by `nodeId`. `onLost` hears a class whose lease this node held and no longer holds
 * (it lapsed and another node took it): the caller must drop its room at once.
 *
 * @example
 * const lease = createClassLease({ redis, prefix: "mlp:", nodeId, onLost: dropRoom });
 * const owner = await lease.claim(classId); // nodeId when this process owns the class now
 */
export function createClassLease(options: {
  redis: Redis;
  prefix: string;
  nodeId: string;
  onLost(classId: string): void;
  onError(error: unknown): void;
}) {
  const { redis, prefix, nodeId } = options;
  const held = new Set<string>();
  const keyOf = (classId: string) => `${prefix}owner:${classId}`;

  async function renewAll(): Promise<void> {
    const classIds = [...held];
    if (classIds.length === 0) return;
    const pipeline = redis.pipeline();
    for (const classId of classIds) pipeline.eval(RENEW_SCRIPT, 1, keyOf(classId), nodeId, CLASS_LEASE_MS);
    const results = (await pipeline.exec()) ?? [];
    for (const [index, classId] of classIds.entries()) {
      const [error, renewed] = results[index] ?? [null, 0];
      if (error) throw error;
      if (renewed === 1 || !held.has(classId)) continue;
      // Lapsed: take it back if nobody else did, else give the room up.
      const owner = await redis.set(keyOf(classId), nodeId, "PX", CLASS_LEASE_MS, "NX");
      if (owner === "OK") continue;
      held.delete(classId);
      options.onLost(classId);
    }
  }

  let isRenewing = false;
  const timer = setInterval(() => {
    // A renewal still waiting for Redis (a busy process reads replies late) is not sent twice.
    if (isRenewing) return;
    isRenewing = true;
    renewAll()
      .catch(options.onError)
      .finally(() => {
        isRenewing = false;
      });
  }, CLASS_LEASE_RENEW_MS);
  timer.unref();

  return {
    nodeId,

    /** The class's owner: this node if the lease was free (it takes it), else the holder. */
    async claim(classId: string): Promise<string> {
      const key = keyOf(classId);
      for (;;) {
        if ((await redis.set(key, nodeId, "PX", CLASS_LEASE_MS, "NX")) === "OK") {
          held.add(classId);
          return nodeId;
        }
        const owner = await redis.get(key);
        if (owner === nodeId) {
          held.add(classId);
          return nodeId;
        }
        // null: it lapsed between the two calls; try again.
        if (owner !== null) return owner;
      }
    },

    /** The holder now, or null when nobody holds the lease. */
    owner(classId: string): Promise<string | null> {
      return redis.get(keyOf(classId));
    },

    /** Takes the lease from `deadOwner` (known gone: nobody listens on its channel). Returns the owner after. */
    async takeOver(classId: string, deadOwner: string): Promise<string> {
      const owner = String(await redis.eval(TAKEOVER_SCRIPT, 1, keyOf(classId), deadOwner, nodeId, CLASS_LEASE_MS));
      if (owner === nodeId) held.add(classId);
      return owner;
    },

    /** True while this node holds the class's lease. */
    isHeld(classId: string): boolean {
      return held.has(classId);
    },

    /** Gives the lease up (the room was closed here). */
    async release(classId: string): Promise<void> {
      held.delete(classId);
      await redis.eval(RELEASE_SCRIPT, 1, keyOf(classId), nodeId);
    },

    /** Stops renewing and releases every lease (a clean shutdown hands classes over at once). */
    async close(): Promise<void> {
      clearInterval(timer);
      const classIds = [...held];
      held.clear();
      await Promise.all(classIds.map((classId) => redis.eval(RELEASE_SCRIPT, 1, keyOf(classId), nodeId)));
    },
  };
}
