/** The live class's access to stored snapshots: the hub's `snapshots` option (server/realtime/room-snapshots.ts). */
import type { PrismaClient } from "../db/client";
import { listSnapshots } from "./list-snapshots";
import { recordSnapshot, type SnapshotInput } from "./record-snapshot";
import { relabelSnapshot } from "./relabel-snapshot";
import { removeSnapshot } from "./remove-snapshot";
import { reorderSnapshots } from "./reorder-snapshots";
import { type ProjectorView, storeProjectorView } from "./store-projector-view";
import type { StoredSnapshot } from "./stored-snapshot";

/** Each resolves once the write committed; rejects when it did not. */
export type SnapshotStore = {
  list(classId: string): Promise<StoredSnapshot[]>;
  record(input: SnapshotInput): Promise<StoredSnapshot>;
  reorder(classId: string, orders: ReadonlyArray<{ id: string; order: number }>): Promise<void>;
  remove(classId: string, snapshotId: string): Promise<void>;
  relabel(classId: string, snapshotId: string, label: string): Promise<void>;
  /** What the projector shows from the tray (compare view, consensus), kept across a restart. */
  setProjector(classId: string, view: ProjectorView): Promise<void>;
};

/** The store over the database. */
export function createSnapshotStore(db: PrismaClient): SnapshotStore {
  return {
    list: (classId) => listSnapshots(db, classId),
    record: (input) => recordSnapshot(db, input),
    reorder: (classId, orders) => reorderSnapshots(db, classId, orders),
    remove: (classId, snapshotId) => removeSnapshot(db, classId, snapshotId),
    relabel: (classId, snapshotId, label) => relabelSnapshot(db, classId, snapshotId, label),
    setProjector: (classId, view) => storeProjectorView(db, classId, view),
  };
}
