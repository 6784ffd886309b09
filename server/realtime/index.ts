/** The live class's realtime core: rooms, the hub, authorization. No socket.io, Prisma or Next here. */
export * from "./authorize";
export * from "./class-room";
export * from "./class-room-hub";
export type { HubHooks } from "./hub-handlers";
export type { ControlEffect } from "./room-control";
export type { RoomSocket } from "./room-socket";
export type { RoomResult } from "./room-state";
export * from "./socket-adapter";
