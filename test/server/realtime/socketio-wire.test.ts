/**
 * The protocol's assumptions about socket.io's wire, checked on a real server and client over
 * loopback: binary maps arrive as Buffers, a frame's or snapshot's maps travel packed in one
 * buffer (a stock socket.io-client takes 300 of them), a NaN loss arrives as null and is refused,
 * MAX_MESSAGE_BYTES admits the largest legal message, and the hub works behind toRoomSocket.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { type Socket as ClientSocket, io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSessionSettings } from "../../../lib/classroom/settings";
import { MAX_MESSAGE_BYTES, type TeacherFrame, teacherFrameSchema, teacherSnapshotSchema } from "../../../lib/protocol";
import { createClassRoomHub } from "../../../server/realtime/class-room-hub";
import { toRoomSocket } from "../../../server/realtime/socket-adapter";
import { largestFinish } from "../../lib/protocol/fixtures";
import { createIds, mapFilled } from "./fixtures";

const hub = createClassRoomHub({ now: Date.now, createId: createIds() });
hub.openRoom({ classId: "c1", ownerId: "t1", title: "Wire", settings: defaultSessionSettings() });
const httpServer = createServer();
const io = new Server(httpServer, { maxHttpBufferSize: MAX_MESSAGE_BYTES });
let url = "";
const clients: ClientSocket[] = [];

// Test-only auth: the real wiring looks the token or cookie up in the database.
io.on("connection", (socket) => {
  const auth = socket.handshake.auth as { role: string; id: string };
  const roomSocket = toRoomSocket(socket);
  socket.onAny((event, ...args) => hub.receive(roomSocket, event, args));
  socket.on("disconnect", () => hub.disconnect(roomSocket));
  if (auth.role === "teacher") hub.connectTeacher(roomSocket, { classId: "c1", teacherId: auth.id });
  else hub.connectStudent(roomSocket, { classId: "c1", participantId: auth.id, nickname: auth.id });
});

async function open(role: string, id: string): Promise<ClientSocket> {
  const client = connect(url, { auth: { role, id }, transports: ["websocket"], reconnection: false });
  clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.once("connect", resolve);
    client.once("connect_error", reject);
  });
  return client;
}

function waitFor<T>(client: ClientSocket, event: string): Promise<T> {
  return new Promise((resolve) => client.once(event, resolve));
}

beforeAll(async () => {
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const client of clients) client.disconnect();
  await io.close();
});

describe("socket.io wire", () => {
  it("carries a student's map to the teacher's frame as binary, through the hub", async () => {
    const teacher = await open("teacher", "t1");
    const student = await open("student", "p1");
    const start = await student.emitWithAck("run:start", { choice: {} });
    expect(start.ok).toBe(true);
    student.emit("progress:update", {
      runId: start.runId,
      step: 5,
      accuracy: 0.5,
      points: [[5, 0.4]],
      map: mapFilled(42),
    });
    let frame: TeacherFrame | null = null;
    for (let attempt = 0; attempt < 20 && !frame?.participants.some((p) => p.map); attempt++) {
      const arriving = waitFor<unknown>(teacher, "teacher:frame");
      hub.tick();
      frame = teacherFrameSchema.parse(await arriving);
    }
    const delta = frame?.participants.find((p) => p.map);
    expect(delta?.map).toBeInstanceOf(Uint8Array);
    expect(delta?.map?.[0]).toBe(42);
  });

  it("a frame with 300 changed maps reaches a stock socket.io client, and so does a 300-map snapshot", async () => {
    const classSize = 300;
    const room = hub.getRoom("c1");
    if (!room) throw new Error("no room");
    const ids = Array.from({ length: classSize }, (_, i) => `m${i}`);
    // No parser option: socket.io-parser's default refuses a packet of more than 10 attachments.
    const teacher = await open("teacher", "t1");
    for (const id of ids) {
      expect(room.join({ id, nickname: id }).ok).toBe(true);
      const started = room.startRun(id, { choice: {} });
      if (!started.ok) throw new Error(started.error.code);
      const update = { runId: started.runId, step: 1, accuracy: 0.5, points: [[1, 0.5]] as [number, number][] };
      expect(room.applyProgress(id, { ...update, map: mapFilled(ids.indexOf(id) % 256) })).toEqual({ ok: true });
    }
    const arriving = waitFor<unknown>(teacher, "teacher:frame");
    hub.tick();
    const frame = teacherFrameSchema.parse(await arriving);
    const withMaps = frame.participants.filter((delta) => delta.map && ids.includes(delta.id));
    expect(withMaps).toHaveLength(classSize);
    for (const delta of withMaps) expect(delta.map?.[0]).toBe(ids.indexOf(delta.id) % 256);
    expect(teacher.connected).toBe(true);

    const late = connect(url, { auth: { role: "teacher", id: "t1" }, transports: ["websocket"], reconnection: false });
    clients.push(late);
    const snapshot = teacherSnapshotSchema.parse(await waitFor<unknown>(late, "teacher:snapshot"));
    const tiles = snapshot.participants.filter((tile) => ids.includes(tile.id));
    expect(tiles).toHaveLength(classSize);
    for (const tile of tiles) expect(tile.map?.[0]).toBe(ids.indexOf(tile.id) % 256);
    for (const id of ids) room.control({ type: "remove", participantId: id });
    hub.tick();
  });

  it("delivers a NaN loss as null, which the schema refuses with an error event", async () => {
    const student = await open("student", "p2");
    const start = await student.emitWithAck("run:start", { choice: {} });
    const error = waitFor<{ code: string; event: string }>(student, "error");
    student.emit("progress:update", { runId: start.runId, step: 1, accuracy: 0.5, points: [[1, Number.NaN]] });
    expect(await error).toMatchObject({ code: "INVALID_PAYLOAD", event: "progress:update" });
  });

  it("admits the largest legal run:finish and closes a connection that sends more", async () => {
    const student = await open("student", "p3");
    const start = await student.emitWithAck("run:start", { choice: { steps: 20_000 } });
    const finish = { ...largestFinish(), runId: start.runId };
    expect(await student.emitWithAck("run:finish", finish)).toEqual({ ok: true });
    const closed = waitFor<string>(student, "disconnect");
    student.emit("run:finish", { ...finish, padding: "x".repeat(MAX_MESSAGE_BYTES) });
    expect(await closed).toBe("transport close");
  });
});
