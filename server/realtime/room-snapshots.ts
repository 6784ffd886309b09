/**
 * The snapshot tray of each open class (issue 16): snapshot:control commands, each stored before
 * it takes effect (the ack `{ ok }` follows the commit), applied one at a time per class, and the
 * tray sent to every teacher socket of the class after each change (teacher:tray).
 *
 * A `take` of a student mid-run whose weights the server lacks first asks their page for them
 * (room-weights.ts, at most WEIGHTS_ANSWER_TIMEOUT_MS): the ask starts when the command arrives,
 * outside the class's queue, so three silent students cost one timeout, not three. The snapshot
 * is then stored in ONE insert with the weights (or without, and why: `weightsStatus`), and the
 * ack names that status: the weights are durable before the ack that says they are there. The tray is
 * read from storage when the class's first teacher connects. `show` / `hide` change what the
 * projector shows (the class state's `compare`), and `consensus` whether it shows the class
 * consensus: stored with the class (ClassSession.projectorCompare, isConsensusShown) before they
 * take effect, so a restart or a takeover shows the same.
 */
import {
  ERROR_CODE,
  encodeTeacherTray,
  MAX_TRAY_SNAPSHOTS,
  type ProtocolError,
  SERVER_EVENTS,
  SNAPSHOT_CONTROL,
  SNAPSHOT_WEIGHTS,
  type SnapshotControl,
  type SnapshotWeightsStatus,
  snapshotControlSchema,
  type TeacherTrayWire,
  validate,
} from "../../lib/protocol";
import type { SnapshotStore } from "../snapshots/snapshot-store";
import type { StoredSnapshot } from "../snapshots/stored-snapshot";
import type { Reply } from "./hub-handlers";
import type { RoomEntry } from "./hub-types";
import { ROOM_NAME, type RoomDelivery } from "./room-delivery";
import type { RoomSocket } from "./room-socket";
import type { RoomResult } from "./room-state";
import type { WeightsFetch } from "./room-weights";

/** One class's tray: its snapshots in order once read, and the command being applied. */
type Tray = { items: StoredSnapshot[] | null; queue: Promise<void> };

const STORAGE_FAILED: ProtocolError = {
  code: ERROR_CODE.storageUnavailable,
  message: "The snapshot could not be stored; try again",
};

function refuse(code: ProtocolError["code"], message: string): RoomResult {
  return { ok: false, error: { code, message } };
}

/** The trays of a hub's rooms. */
export type RoomSnapshots = ReturnType<typeof createRoomSnapshots>;

/**
 * @example
 * const snapshots = createRoomSnapshots({ store: createSnapshotStore(db), delivery, onError });
 * snapshots.greet(entry, socket); // a teacher connected
 * snapshots.receive(entry, payload, reply); // snapshot:control
 */
export function createRoomSnapshots(options: {
  store: SnapshotStore | undefined;
  delivery: RoomDelivery;
  /** The student's current weights when the server lacks them (room-weights.ts); never rejects. */
  fetchWeights?: (entry: RoomEntry, participantId: string) => Promise<WeightsFetch>;
  onError: (error: unknown) => void;
}) {
  const { store, delivery, onError } = options;
  const trays = new Map<string, Tray>();

  function trayOf(classId: string): Tray {
    let tray = trays.get(classId);
    if (!tray) {
      tray = { items: null, queue: Promise.resolve() };
      trays.set(classId, tray);
    }
    return tray;
  }

  /** The class's snapshots, read from storage the first time. */
  async function itemsOf(store: SnapshotStore, classId: string, tray: Tray): Promise<StoredSnapshot[]> {
    if (tray.items === null) tray.items = await store.list(classId);
    return tray.items;
  }

  function wire(entry: RoomEntry, items: readonly StoredSnapshot[]): TeacherTrayWire {
    return encodeTeacherTray({
      snapshots: items.map(({ order: _order, ...item }) => ({
        ...item,
        ...entry.room.snapshotName(item.participantId),
      })),
    });
  }

  /** Sends the tray to every teacher socket of the class. */
  function broadcast(entry: RoomEntry, items: readonly StoredSnapshot[]): void {
    delivery.emitTo(ROOM_NAME.teachers(entry.room.classId), SERVER_EVENTS.teacherTray, wire(entry, items));
  }

  /** Applies one validated command; resolves with the answer once what it changed is stored. */
  async function apply(
    entry: RoomEntry,
    store: SnapshotStore,
    command: SnapshotControl,
    fetched: WeightsFetch | null,
  ): Promise<RoomResult<{ snapshotId?: string; weights?: SnapshotWeightsStatus }>> {
    const room = entry.room;
    const classId = room.classId;
    const tray = trayOf(classId);
    const items = await itemsOf(store, classId, tray);
    const indexOf = (id: string) => items.findIndex((item) => item.id === id);
    switch (command.type) {
      case SNAPSHOT_CONTROL.take: {
        const source = room.snapshotSource(command.participantId, fetched?.network ?? null);
        if (!source) return refuse(ERROR_CODE.notFound, "That student is not in the class");
        if (items.length >= MAX_TRAY_SNAPSHOTS)
          return refuse(ERROR_CODE.invalidPayload, `The tray holds ${MAX_TRAY_SNAPSHOTS} snapshots: remove one first`);
        const order = (items[items.length - 1]?.order ?? -1) + 1;
        // No weights: the request's outcome says why (a run that changed meanwhile: none to show).
        const weightsStatus = source.weightsStatus ?? fetched?.status ?? SNAPSHOT_WEIGHTS.none;
        const stored = await store.record({ ...source, weightsStatus, classId, order, label: command.label ?? "" });
        items.push(stored);
        broadcast(entry, items);
        return { ok: true, snapshotId: stored.id, weights: weightsStatus };
      }
      case SNAPSHOT_CONTROL.move: {
        const from = indexOf(command.snapshotId);
        if (from < 0) return refuse(ERROR_CODE.notFound, "No such snapshot");
        const to = command.direction === "up" ? from - 1 : from + 1;
        // Already first (or last): nothing to move, nothing to store.
        if (to < 0 || to >= items.length) return { ok: true };
        const moved = items.map((item, i) => (i === from ? items[to] : i === to ? items[from] : item) ?? item);
        const changed = moved.flatMap((item, order) => (item.order === order ? [] : [{ id: item.id, order }]));
        await store.reorder(classId, changed);
        items.splice(0, items.length, ...moved.map((item, order) => ({ ...item, order })));
        broadcast(entry, items);
        return { ok: true };
      }
      case SNAPSHOT_CONTROL.remove: {
        const index = indexOf(command.snapshotId);
        if (index < 0) return refuse(ERROR_CODE.notFound, "No such snapshot");
        await store.remove(classId, command.snapshotId);
        items.splice(index, 1);
        const shown = room.compare?.snapshotIds.filter((id) => id !== command.snapshotId);
        if (room.compare && shown && shown.length !== room.compare.snapshotIds.length) {
          const compare = shown.length >= 2 ? { ...room.compare, snapshotIds: shown } : null;
          await store.setProjector(classId, { compare, isConsensusShown: room.isConsensusShown });
          room.setCompare(compare);
        }
        broadcast(entry, items);
        return { ok: true };
      }
      case SNAPSHOT_CONTROL.relabel: {
        const index = indexOf(command.snapshotId);
        const item = items[index];
        if (!item) return refuse(ERROR_CODE.notFound, "No such snapshot");
        await store.relabel(classId, command.snapshotId, command.label);
        items[index] = { ...item, label: command.label };
        broadcast(entry, items);
        return { ok: true };
      }
      case SNAPSHOT_CONTROL.show: {
        if (command.snapshotIds.some((id) => indexOf(id) < 0))
          return refuse(ERROR_CODE.notFound, "A snapshot to show is not in the tray");
        const compare = { snapshotIds: command.snapshotIds, isLive: command.isLive };
        await store.setProjector(classId, { compare, isConsensusShown: room.isConsensusShown });
        room.setCompare(compare);
        return { ok: true };
      }
      case SNAPSHOT_CONTROL.hide: {
        await store.setProjector(classId, { compare: null, isConsensusShown: room.isConsensusShown });
        room.setCompare(null);
        return { ok: true };
      }
      case SNAPSHOT_CONTROL.consensus: {
        await store.setProjector(classId, { compare: room.compare, isConsensusShown: command.isShown });
        room.showConsensus(command.isShown);
        return { ok: true };
      }
    }
  }

  return {
    /** A teacher socket connected: it gets the class's tray once read. */
    greet(entry: RoomEntry, socket: RoomSocket): void {
      if (!store) return;
      const tray = trayOf(entry.room.classId);
      itemsOf(store, entry.room.classId, tray).then(
        (items) => {
          if (socket.isOpen) socket.emit(SERVER_EVENTS.teacherTray, wire(entry, items));
        },
        (error: unknown) => {
          // Read again on the next connect or command.
          onError(error);
        },
      );
    },

    /** snapshot:control: validated, applied after the class's previous command, answered once stored. */
    receive(entry: RoomEntry, payload: unknown, reply: Reply): void {
      const parsed = validate(snapshotControlSchema, payload);
      if (!parsed.ok) {
        reply(parsed);
        return;
      }
      if (!store) {
        reply(refuse(ERROR_CODE.internal, "Snapshots are not available on this server"));
        return;
      }
      const tray = trayOf(entry.room.classId);
      const command = parsed.data;
      // Asked at once, awaited in turn: the queue keeps the teacher's order, the waits overlap.
      const fetching =
        command.type === SNAPSHOT_CONTROL.take && options.fetchWeights
          ? options.fetchWeights(entry, command.participantId)
          : null;
      const next = tray.queue.then(async () => {
        try {
          reply(await apply(entry, store, command, fetching ? await fetching : null));
        } catch (error) {
          onError(error);
          reply({ ok: false, error: STORAGE_FAILED });
        }
      });
      tray.queue = next;
    },

    /** Names shown changed (anonymize): every teacher gets the tray again. */
    refresh(entry: RoomEntry): void {
      const items = trays.get(entry.room.classId)?.items;
      if (items) broadcast(entry, items);
    },

    /** The room closed or moved to another process: forget its tray (it is read again there). */
    forget(classId: string): void {
      trays.delete(classId);
    },
  };
}
