/**
 * The hub's side of approval mode with fake sockets, no network: a waiting student's tabs all
 * enter the class on admit, a closed waiting tab leaves them on the list, a denied one is refused
 * on reconnect, the admitted student is reported present only after the admission is handed to
 * the control hook (its participant row is written first), and a second admit is refused.
 */
import { describe, expect, it, vi } from "vitest";
import { defaultSessionSettings } from "../../../lib/classroom/settings";
import type { ClassControl, StudentClassState } from "../../../lib/protocol";
import { createClassRoomHub } from "../../../server/realtime/class-room-hub";
import { createClock, createFakeSocket, createIds } from "./fixtures";

const REQUESTED_AT = 1_000;

function setUp() {
  const order: string[] = [];
  const hub = createClassRoomHub({
    now: createClock().now,
    createId: createIds(),
    hooks: {
      onControl: (_classId: string, command: ClassControl) => {
        order.push(`control:${command.type}`);
      },
      onPresence: (_classId: string, participantId: string, isPresent: boolean) => {
        order.push(`presence:${participantId}:${isPresent}`);
      },
    },
  });
  hub.openRoom({
    classId: "c",
    ownerId: "t",
    title: "Period 1",
    settings: defaultSessionSettings(),
    isApprovalRequired: true,
  });
  const teacher = createFakeSocket("teacher");
  hub.connectTeacher(teacher, { classId: "c", teacherId: "t" });
  const waitingTab = (id: string) => {
    const socket = createFakeSocket(`${id}-${Math.random()}`);
    const result = hub.connectStudent(socket, {
      classId: "c",
      participantId: id,
      nickname: id,
      waitingSince: REQUESTED_AT,
    });
    return { socket, result };
  };
  const control = (command: ClassControl) => {
    const ack = vi.fn();
    hub.receive(teacher, "class:control", [command, ack]);
    return ack.mock.calls[0]?.[0] as { ok: boolean; error?: { code: string } };
  };
  return { hub, order, waitingTab, control };
}

describe("hub: approval mode", () => {
  it("moves every waiting tab into the class on admit; presence follows the admission", () => {
    const { hub, order, waitingTab, control } = setUp();
    const tabs = [waitingTab("ada"), waitingTab("ada")];
    for (const tab of tabs) {
      expect(tab.result.ok).toBe(true);
      expect(tab.socket.ofEvent("session:waiting")).toHaveLength(1);
    }
    expect(hub.getRoom("c")?.snapshotForTeacher().class.waiting).toEqual([
      { id: "ada", nickname: "ada", requestedAt: REQUESTED_AT },
    ]);
    expect(order).toEqual([]);

    expect(control({ type: "admit", participantId: "ada" })).toEqual({ ok: true });
    for (const tab of tabs) {
      const [state] = tab.socket.ofEvent("session:state") as StudentClassState[];
      expect(state?.participant.id).toBe("ada");
    }
    expect(order).toEqual(["control:admit", "presence:ada:true"]);
    const snapshot = hub.getRoom("c")?.snapshotForTeacher();
    expect(snapshot?.class.waiting).toEqual([]);
    expect(snapshot?.participants.map((tile) => tile.id)).toEqual(["ada"]);
    // A second admit (another dashboard tab) finds nobody waiting.
    expect(control({ type: "admit", participantId: "ada" }).error?.code).toBe("NOT_FOUND");
  });

  it("keeps a student on the list when their waiting tab closes, and refuses a denied one's reconnect", () => {
    const { hub, waitingTab, control } = setUp();
    const bob = waitingTab("bob");
    hub.disconnect(bob.socket);
    expect(
      hub
        .getRoom("c")
        ?.snapshotForTeacher()
        .class.waiting.map((student) => student.id),
    ).toEqual(["bob"]);
    expect(hub.socketCount("c")).toBe(1);

    const eve = waitingTab("eve");
    expect(control({ type: "deny", participantId: "eve" })).toEqual({ ok: true });
    expect(eve.socket.isOpen).toBe(false);
    expect(eve.socket.ofEvent("error")).toMatchObject([{ code: "JOIN_DENIED" }]);
    expect(waitingTab("eve").result).toMatchObject({ ok: false, error: { code: "JOIN_DENIED" } });
    // Admitted while the tab was closed: the tile exists, disconnected, and the reconnect joins it.
    expect(control({ type: "admitAllWaiting" })).toEqual({ ok: true });
    const back = waitingTab("bob");
    expect(back.socket.ofEvent("session:state")).toHaveLength(1);
    expect(back.socket.ofEvent("session:waiting")).toHaveLength(0);
  });
});
