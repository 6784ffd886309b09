/**
 * The hub delivers through rooms: one emit per room per tick (not one per socket), a notice per
 * participant room reaching every tab, removal closing that room only. Recorded over the local
 * delivery with fake sockets; the socket.io delivery is exercised by the live-class and
 * two-process tests.
 */
import { describe, expect, it } from "vitest";
import { defaultSessionSettings } from "../../../lib/classroom/settings";
import { createClassRoomHub } from "../../../server/realtime/class-room-hub";
import { createLocalDelivery, ROOM_NAME, type RoomDelivery } from "../../../server/realtime/room-delivery";
import { createClock, createFakeSocket, createIds } from "./fixtures";

type Call = { kind: "emit" | "disconnect"; room: string; event?: string };

function recordingDelivery(): { delivery: RoomDelivery; calls: Call[] } {
  const inner = createLocalDelivery();
  const calls: Call[] = [];
  const delivery: RoomDelivery = {
    join: (socket, room) => inner.join(socket, room),
    emitTo(room, event, ...args) {
      calls.push({ kind: "emit", room, event });
      inner.emitTo(room, event, ...args);
    },
    disconnectRoom(room) {
      calls.push({ kind: "disconnect", room });
      inner.disconnectRoom(room);
    },
    forget: (socket) => inner.forget(socket),
  };
  return { delivery, calls };
}

function setup() {
  const clock = createClock();
  const { delivery, calls } = recordingDelivery();
  const hub = createClassRoomHub({ now: clock.now, createId: createIds(), delivery });
  for (const classId of ["class_a", "class_b"]) {
    hub.openRoom({ classId, ownerId: `owner_${classId}`, title: classId, settings: defaultSessionSettings() });
  }
  const teacher = (classId: string) => {
    const socket = createFakeSocket(`t-${Math.random()}`);
    expect(hub.connectTeacher(socket, { classId, teacherId: `owner_${classId}` }).ok).toBe(true);
    return socket;
  };
  const student = (classId: string, participantId: string) => {
    const socket = createFakeSocket(`s-${Math.random()}`);
    expect(hub.connectStudent(socket, { classId, participantId, nickname: participantId }).ok).toBe(true);
    return socket;
  };
  return { hub, calls, teacher, student };
}

describe("hub: delivery through rooms", () => {
  it("sends each tick's frame once to the class's teacher room, reaching every teacher of that class only", () => {
    const { hub, calls, teacher, student } = setup();
    const teachers = [teacher("class_a"), teacher("class_a"), teacher("class_a")];
    const other = teacher("class_b");
    student("class_a", "p1");
    calls.length = 0;
    hub.tick();
    const frames = calls.filter((call) => call.event === "teacher:frame");
    expect(frames).toEqual([{ kind: "emit", room: ROOM_NAME.teachers("class_a"), event: "teacher:frame" }]);
    for (const socket of teachers) expect(socket.ofEvent("teacher:frame")).toHaveLength(1);
    expect(other.ofEvent("teacher:frame")).toHaveLength(0);
  });

  it("sends a pause to each participant's room: both tabs of one student hear it, another class hears nothing", () => {
    const { hub, calls, teacher, student } = setup();
    const control = teacher("class_a");
    const tabs = [student("class_a", "p1"), student("class_a", "p1")];
    const second = student("class_a", "p2");
    const elsewhere = student("class_b", "p3");
    calls.length = 0;
    hub.receive(control, "class:control", [{ type: "pauseAll" }, () => {}]);
    const notices = calls.filter((call) => call.event === "student:control").map((call) => call.room);
    expect(notices.sort()).toEqual([ROOM_NAME.participant("class_a", "p1"), ROOM_NAME.participant("class_a", "p2")]);
    for (const socket of [...tabs, second]) expect(socket.ofEvent("student:control")).toHaveLength(1);
    expect(elsewhere.ofEvent("student:control")).toHaveLength(0);
  });

  it("closes a removed student's room (every tab) after telling it, and no one else's", () => {
    const { hub, calls, teacher, student } = setup();
    const control = teacher("class_a");
    const tabs = [student("class_a", "p1"), student("class_a", "p1")];
    const stays = student("class_a", "p2");
    calls.length = 0;
    hub.receive(control, "class:control", [{ type: "remove", participantId: "p1" }, () => {}]);
    const room = ROOM_NAME.participant("class_a", "p1");
    expect(calls).toEqual([
      { kind: "emit", room, event: "student:control" },
      { kind: "disconnect", room },
    ]);
    for (const socket of tabs) {
      expect(socket.ofEvent("student:control")).toEqual([{ type: "removed" }]);
      expect(socket.isOpen).toBe(false);
    }
    expect(stays.isOpen).toBe(true);
  });
});
