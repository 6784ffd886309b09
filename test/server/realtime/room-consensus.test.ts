/**
 * The consensus ticker on its own, time injected: nothing is computed for a class nobody
 * watches, at most one computation per CONSENSUS_MIN_INTERVAL_MS, nothing re-sent while the
 * maps stay the same, and one "count 0" when the maps go (a reset).
 */
import { describe, expect, it } from "vitest";
import { CONSENSUS_MIN_INTERVAL_MS, MAP_BYTES, type TeacherConsensus } from "@/lib/protocol";
import type { RoomEntry } from "@/server/realtime/hub-types";
import { createRoomConsensus } from "@/server/realtime/room-consensus";
import type { RoomDelivery } from "@/server/realtime/room-delivery";
import type { RoomSocket } from "@/server/realtime/room-socket";

function fakeClass() {
  let maps: Uint8Array[] = [];
  let reads = 0;
  const sent: TeacherConsensus[] = [];
  const teachers = new Set<RoomSocket>();
  const room = {
    classId: "class-1",
    consensusMaps: () => {
      reads++;
      return maps;
    },
  };
  const entry = { room, teachers } as unknown as RoomEntry;
  const delivery: RoomDelivery = {
    join() {},
    emitTo: (_room, _event, ...args) => {
      sent.push(args[0] as TeacherConsensus);
    },
    disconnectRoom() {},
    forget() {},
  };
  return {
    entry,
    delivery,
    sent,
    teachers,
    setMaps: (next: Uint8Array[]) => {
      maps = next;
    },
    reads: () => reads,
  };
}

const socket = { id: "t", isOpen: true, emit() {}, disconnect() {} } as RoomSocket;

describe("createRoomConsensus", () => {
  it("computes nothing while nobody watches, then at most once per interval", () => {
    let now = 0;
    const fake = fakeClass();
    const consensus = createRoomConsensus({ now: () => now, delivery: fake.delivery });
    fake.setMaps([new Uint8Array(MAP_BYTES).fill(255)]);
    for (let i = 0; i < 30; i++, now += 100) consensus.tick(fake.entry);
    expect(fake.reads()).toBe(0);
    expect(fake.sent).toHaveLength(0);

    fake.teachers.add(socket);
    consensus.tick(fake.entry);
    expect(fake.sent).toHaveLength(1);
    // Ten ticks of 100 ms: the next computation waits for the interval's end.
    fake.setMaps([new Uint8Array(MAP_BYTES).fill(0)]);
    for (let i = 0; i < 9; i++) {
      now += 100;
      consensus.tick(fake.entry);
    }
    expect(fake.reads()).toBe(1);
    now += CONSENSUS_MIN_INTERVAL_MS - 900;
    consensus.tick(fake.entry);
    expect(fake.reads()).toBe(2);
    expect(fake.sent.map((c) => c.mean[0])).toEqual([255, 0]);
  });

  it("re-sends nothing while the maps stay the same, and says once when they are gone", () => {
    let now = 0;
    const fake = fakeClass();
    const consensus = createRoomConsensus({ now: () => now, delivery: fake.delivery });
    fake.teachers.add(socket);
    fake.setMaps([new Uint8Array(MAP_BYTES).fill(200), new Uint8Array(MAP_BYTES).fill(10)]);
    for (let i = 0; i < 5; i++, now += CONSENSUS_MIN_INTERVAL_MS) consensus.tick(fake.entry);
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]).toMatchObject({ count: 2 });
    fake.setMaps([]);
    for (let i = 0; i < 3; i++, now += CONSENSUS_MIN_INTERVAL_MS) consensus.tick(fake.entry);
    expect(fake.sent.map((c) => c.count)).toEqual([2, 0]);
  });
});
