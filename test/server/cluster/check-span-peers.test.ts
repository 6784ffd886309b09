/**
 * The relay's liveness check (server/cluster/check-span-peers) decides from what Redis says about
 * a relayed class's lease and its owner: a live owner holding its lease is left alone; a dead
 * owner's class, or a lapsed lease, is taken here and its room opened before the relayed clients
 * are sent to reconnect, so they never race to claim a free lease wherever each one lands.
 * The lease and bus here are stand-ins; the same against real Redis and processes is in
 * span-classes.test.ts and test/faults (owner-stall, cluster, nginx-front).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { CLASS_OWNER_CHECK_MS, startPeerCheck } from "@/server/cluster/check-span-peers";
import type { ClassLease } from "@/server/cluster/class-lease";
import type { NodeBus } from "@/server/cluster/node-bus";

const SELF = "node-b";
const OWNER = "node-a";
const CLASS_ID = "class-1";

type World = { leaseHolder: string | null; isOwnerAlive: boolean };

function startCheck(world: World) {
  const steps: string[] = [];
  const lease = {
    owner: async () => world.leaseHolder,
    async takeOver(_classId: string, deadOwner: string) {
      if (world.leaseHolder === null || world.leaseHolder === deadOwner) world.leaseHolder = SELF;
      steps.push(`takeOver -> ${world.leaseHolder}`);
      return world.leaseHolder;
    },
    async release() {
      steps.push("release");
    },
  } as unknown as ClassLease;
  const bus = { nodeId: SELF, isAlive: async (node: string) => node !== OWNER || world.isOwnerAlive } as NodeBus;
  const check = startPeerCheck({
    lease,
    bus,
    ensureRoom: async () => {
      steps.push("room opened");
      return true;
    },
    relayedOwners: () => new Map([[CLASS_ID, OWNER]]),
    relayNodes: () => new Set(),
    rerouteClass: () => steps.push("reroute"),
    dropRelay: () => steps.push("drop relay"),
    log: () => {},
    onError: (error) => steps.push(`error ${String(error)}`),
  });
  return { steps, close: () => check.close() };
}

afterEach(() => {
  vi.useRealTimers();
});

async function runChecks(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await vi.advanceTimersByTimeAsync(CLASS_OWNER_CHECK_MS);
}

describe("the relay's peer check", () => {
  it("leaves a live owner that holds its lease alone", async () => {
    vi.useFakeTimers();
    const check = startCheck({ leaseHolder: OWNER, isOwnerAlive: true });
    await runChecks(4);
    check.close();
    expect(check.steps).toEqual([]);
  });

  it("takes a dead owner's class and opens its room before rerouting the relayed clients", async () => {
    vi.useFakeTimers();
    const world: World = { leaseHolder: OWNER, isOwnerAlive: false };
    const check = startCheck(world);
    await runChecks(1);
    check.close();
    expect(check.steps).toEqual([`takeOver -> ${SELF}`, "room opened", "reroute"]);
  });

  it("takes a lapsed lease of an owner still listening (hung past the TTL) before rerouting, not after", async () => {
    vi.useFakeTimers();
    const world: World = { leaseHolder: null, isOwnerAlive: true };
    const check = startCheck(world);
    await runChecks(1);
    check.close();
    expect(check.steps).toEqual([`takeOver -> ${SELF}`, "room opened", "reroute"]);
    expect(world.leaseHolder).toBe(SELF);
  });

  it("reroutes to a class's new owner without taking it", async () => {
    vi.useFakeTimers();
    const check = startCheck({ leaseHolder: "node-c", isOwnerAlive: true });
    await runChecks(1);
    check.close();
    expect(check.steps).toEqual(["reroute"]);
  });
});
