/**
 * The live-class socket protocol, version {@link PROTOCOL_VERSION}: event names, zod schemas,
 * types, limits and the map byte encoding. Client and server import only from here.
 */
export * from "./attention";
export * from "./challenge";
export * from "./common";
export * from "./compare";
export * from "./events";
export * from "./frames";
export * from "./handshake";
export * from "./lesson";
export * from "./limits";
export * from "./map-bytes";
export * from "./network";
export * from "./progress-fast";
export type * from "./socket-events";
export * from "./student";
export * from "./takeaway";
export * from "./teacher";
export * from "./validate";
