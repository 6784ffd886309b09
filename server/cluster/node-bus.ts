/**
 * Messages between server processes that serve the same classes (REDIS_URL): each process
 * listens on its own channel `<prefix>node:<nodeId>`; a relay sends its sockets' connects,
 * events and disconnects to the class's owner there, the owner answers acks the same way.
 * msgpack (notepack.io, the codec socket.io's Redis adapter uses) keeps a progress update's map
 * bytes binary. Every message is checked with zod on arrival: another process's bytes are
 * outside input too.
 */
import type { Redis } from "ioredis";
import { decode, encode } from "notepack.io";
import { ROLE } from "../../lib/protocol";
import { storableString } from "../../lib/storable-string";
import { z } from "../../lib/zod";

/** Ids the processes exchange; bounded so a corrupt message cannot make the receiver hold megabytes. */
const idSchema = storableString().min(1).max(200);

const identitySchema = z.discriminatedUnion("role", [
  z.object({ role: z.literal(ROLE.teacher), classId: idSchema, teacherId: idSchema, signInId: idSchema }),
  z.object({
    role: z.literal(ROLE.student),
    classId: idSchema,
    participantId: idSchema,
    nickname: storableString(),
    /**
     * Set while the student's join request waits for approval: the owner puts them on its waiting
     * list. Without it a relayed waiting student would enter the class unapproved.
     */
    waitingSince: z.number().int().nonnegative().optional(),
  }),
]);

/** One message on the bus. `from` is the sender's node id (where acks and replies go). */
export const nodeMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("connect"), from: idSchema, socketId: idSchema, identity: identitySchema }),
  z.object({
    type: z.literal("event"),
    from: idSchema,
    socketId: idSchema,
    event: storableString().max(64),
    /** The event's arguments without the ack callback; the hub validates them as from a socket. */
    args: z.array(z.unknown()).max(4),
    /** Set when the client asked for an ack: the owner answers with an `ack` message of this id. */
    ackId: z.number().int().nullable(),
  }),
  z.object({ type: z.literal("disconnect"), from: idSchema, socketId: idSchema }),
  z.object({ type: z.literal("ack"), from: idSchema, ackId: z.number().int(), response: z.unknown() }),
  /** The owner does not (or no longer) own the socket's class: the relay makes the client reconnect. */
  z.object({ type: z.literal("reroute"), from: idSchema, socketId: idSchema }),
]);

export type NodeMessage = z.infer<typeof nodeMessageSchema>;

/** The bus of one process. */
export type NodeBus = {
  nodeId: string;
  /** Sends to a node; false when no process listens on its channel (it died or lost Redis). */
  send(nodeId: string, message: NodeMessage): Promise<boolean>;
  /** True while some process listens on the node's channel. */
  isAlive(nodeId: string): Promise<boolean>;
  close(): Promise<void>;
};

/**
 * Starts listening on this node's channel; `onMessage` gets every valid message, `onError`
 * the invalid ones (dropped).
 */
export async function createNodeBus(options: {
  pub: Redis;
  sub: Redis;
  prefix: string;
  nodeId: string;
  onMessage(message: NodeMessage): void;
  onError(error: unknown): void;
}): Promise<NodeBus> {
  const { pub, sub, prefix, nodeId } = options;
  const channelOf = (node: string) => `${prefix}node:${node}`;
  const own = channelOf(nodeId);
  sub.on("messageBuffer", (channel: Buffer, payload: Buffer) => {
    if (channel.toString() !== own) return;
    try {
      const parsed = nodeMessageSchema.safeParse(decode(payload));
      if (!parsed.success) throw new Error(`invalid bus message: ${parsed.error.issues[0]?.message ?? "?"}`);
      options.onMessage(parsed.data);
    } catch (error) {
      options.onError(error);
    }
  });
  await sub.subscribe(own);
  return {
    nodeId,
    async send(node, message) {
      return (await pub.publish(channelOf(node), encode(message))) > 0;
    },
    async isAlive(node) {
      const [, count] = (await pub.pubsub("NUMSUB", channelOf(node))) as [string, number];
      return Number(count) > 0;
    },
    async close() {
      await sub.unsubscribe(own);
    },
  };
}
