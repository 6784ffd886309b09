/**
 * Hole 6 of issue 11: one address held 400 never-authenticated connections. With small caps on a
 * real socket.io server: idle connections beyond the unauthenticated cap are refused at the
 * handshake with HTTP 403 and the reason, authenticated students do not count towards that cap,
 * the total cap holds, and closing connections frees their slots.
 */
import { type Socket as ClientSocket, Manager } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { TOO_MANY_SOCKETS_MESSAGE } from "@/server/boot/socket-address-cap";
import { createTeacherWithClass, joinStudent, studentAuth, until, useRealtimeServer } from "../../helpers/realtime";

const UNAUTHENTICATED_CAP = 2;
const TOTAL_CAP = 4;
const live = useRealtimeServer({ socketsPerAddress: { total: TOTAL_CAP, unauthenticated: UNAUTHENTICATED_CAP } });

const managers: Manager[] = [];
afterEach(() => {
  for (const manager of managers.splice(0)) manager._close();
});

/** An engine.io connection that never sends the socket.io handshake: what a flood holds. */
async function openIdle(): Promise<"open" | "refused"> {
  const manager = new Manager(live.server.url, { transports: ["websocket"], reconnection: false, autoConnect: false });
  managers.push(manager);
  return new Promise((resolve) => manager.open((error) => resolve(error ? "refused" : "open")));
}

/** The handshake as any HTTP client sees it: status and body. */
async function pollingHandshake(): Promise<{ status: number; body: string }> {
  const response = await fetch(`${live.server.url}/socket.io/?EIO=4&transport=polling`);
  return { status: response.status, body: await response.text() };
}

async function openStudents(count: number): Promise<ClientSocket[]> {
  const owner = await createTeacherWithClass(live.db);
  const sockets: ClientSocket[] = [];
  for (let i = 0; i < count; i++) {
    const joined = await joinStudent(live.db, owner.joinCode, `Student ${i}`);
    const opened = await live.server.open(studentAuth(joined.token));
    expect(opened.error).toBeNull();
    sockets.push(opened.socket);
  }
  return sockets;
}

const engineCount = () => live.server.io.engine.clientsCount;

describe("sockets per address", () => {
  it("refuses idle connections beyond the unauthenticated cap, cleanly, and frees slots on close", async () => {
    expect(await openIdle()).toBe("open");
    expect(await openIdle()).toBe("open");
    expect(await openIdle()).toBe("refused");
    const refused = await pollingHandshake();
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ message: TOO_MANY_SOCKETS_MESSAGE });
    expect(engineCount()).toBe(UNAUTHENTICATED_CAP);

    // A real student is refused too while the address is at its cap…
    const owner = await createTeacherWithClass(live.db);
    const joined = await joinStudent(live.db, owner.joinCode, "Ada");
    expect((await live.server.open(studentAuth(joined.token))).error).not.toBeNull();
    // …and gets in once an idle connection closed.
    managers.shift()?._close();
    await until(() => engineCount() === UNAUTHENTICATED_CAP - 1, "the idle connection closed");
    const ada = await live.server.open(studentAuth(joined.token));
    expect(ada.error).toBeNull();
    ada.socket.disconnect();
  });

  it("does not count authenticated sockets towards the unauthenticated cap, but holds the total", async () => {
    await until(() => engineCount() === 0, "the previous test's connections closed");
    const students = await openStudents(UNAUTHENTICATED_CAP + 1);
    expect(engineCount()).toBe(UNAUTHENTICATED_CAP + 1);
    // One slot left of the total: one idle connection fits, the next is refused.
    expect(await openIdle()).toBe("open");
    expect(await openIdle()).toBe("refused");
    expect(engineCount()).toBe(TOTAL_CAP);
    for (const socket of students) socket.disconnect();
    await until(() => engineCount() === 1, "the students' connections closed");
    expect(await openIdle()).toBe("open");
  });
});
