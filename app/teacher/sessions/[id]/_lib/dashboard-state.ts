/**
 * The teacher dashboard's live model: a snapshot, then coalesced frames applied in order
 * (lib/protocol frames.ts). Pure and framework-free, so it is unit-tested without a browser.
 *
 * Built for 300–1,000 students at 10 frames/s: a frame replaces only the tiles it names, each with
 * a new object (so a tile's identity changing means it changed, and React compares identities);
 * nothing copies the whole class per frame. A published tile is never mutated again.
 */
import { anonymousName } from "@/lib/classroom/nickname";
import type { RunConfig } from "@/lib/classroom/settings";
import { LIVE_STATUSES, type LiveStatus } from "@/lib/classroom/status";
import { appendToCurve } from "@/lib/curve";
import {
  type CellResult,
  type ClassState,
  type Counts,
  LIVE_CURVE_RESOLUTION,
  type LossPoint,
  type ParticipantDelta,
  type ParticipantTile,
  type TeacherFrame,
  type TeacherSnapshot,
} from "@/lib/protocol";

/** One student's tile as the dashboard keeps it: immutable once published, replaced on change. */
export type Tile = {
  id: string;
  /** Join order, 1-based: the "Student N" number and the join-time sort key. */
  number: number;
  name: string;
  status: LiveStatus;
  /** The latest run reached the target by the server's verified figures. */
  isReached: boolean;
  /** The run trains on points the student added or removed ("edited data"). */
  isEdited: boolean;
  runId: string | null;
  config: RunConfig | null;
  step: number;
  loss: number | null;
  accuracy: number | null;
  /**
   * The current run's curve: parallel arrays, steps strictly increasing, thinned as the server's
   * (lib/curve at LIVE_CURVE_RESOLUTION: ≤ ~1,000 points, so 1,000 students stay ~16 MB).
   */
  steps: number[];
  losses: number[];
  map: Uint8Array | null;
  cells: CellResult[];
  /** The lesson step the student is on (0-based); null without a lesson. */
  lessonStep: number | null;
  /** Lesson steps where one of their runs reached the target. */
  reachedSteps: number[];
  /** Their group in the class's group experiment (0 = A); null without one. */
  group: number | null;
  /** Client time (ms) the tile first appeared here; display only. */
  joinedAt: number;
};

/**
 * Whole-dashboard model. The container is updated in place (tiles replaced in the map, counts
 * and class state swapped); the values it holds are immutable. lib-free readers use class-store.ts.
 */
export type DashboardState = {
  tiles: Map<string, Tile>;
  counts: Counts;
  classState: ClassState;
  /** Tick of the last applied frame or snapshot; -1 before the first snapshot. */
  tick: number;
};

/** What applying a frame did. "gap": a frame was missed, ask for teacher:resync. */
export type FrameOutcome = "applied" | "stale" | "gap";

/** Counts with every status at 0. */
export function emptyCounts(total = 0): Counts {
  const counts = { total, reached: 0 } as Counts;
  for (const status of LIVE_STATUSES) counts[status] = 0;
  return counts;
}

/** The model before the first snapshot: the class as the page's server render knew it. */
export function createDashboardState(classState: ClassState, total = 0): DashboardState {
  return { tiles: new Map(), counts: emptyCounts(total), classState, tick: -1 };
}

/** Replaces everything with a snapshot (on connect, or after a gap). */
export function applySnapshot(state: DashboardState, snapshot: TeacherSnapshot, now: number): void {
  const previous = state.tiles;
  state.tiles = new Map();
  for (const full of snapshot.participants) {
    const tile = newTile(full, previous.get(full.id)?.joinedAt ?? now);
    state.tiles.set(tile.id, tile);
  }
  state.counts = snapshot.counts;
  state.classState = snapshot.class;
  state.tick = snapshot.tick;
}

/**
 * Applies one frame. Frames must come in tick order: an old one is ignored ("stale"), and a
 * skipped tick ("gap") changes nothing and tells the caller to resync.
 */
export function applyFrame(state: DashboardState, frame: TeacherFrame, now: number): FrameOutcome {
  if (frame.tick <= state.tick) return "stale";
  if (state.tick < 0 || frame.tick !== state.tick + 1) return "gap";
  for (const delta of frame.participants) applyDelta(state, delta, now);
  state.counts = frame.counts;
  if (frame.class) state.classState = frame.class;
  state.tick = frame.tick;
  return "applied";
}

function applyDelta(state: DashboardState, delta: ParticipantDelta, now: number): void {
  if (delta.isRemoved) {
    state.tiles.delete(delta.id);
    return;
  }
  const previous = state.tiles.get(delta.id);
  // A new participant arrives with every field set; a partial one means we missed its
  // arrival, and is filled with blanks rather than dropped.
  const tile: Tile = previous
    ? { ...previous }
    : newTile(
        {
          id: delta.id,
          number: delta.number ?? state.tiles.size + 1,
          name: delta.name ?? "",
          status: delta.status ?? "joined",
        },
        now,
      );
  if (delta.runId !== undefined) {
    // A new run (or a reset: null) starts from a blank curve and map.
    tile.runId = delta.runId;
    tile.steps = [];
    tile.losses = [];
    tile.map = null;
    tile.step = 0;
    tile.loss = null;
    tile.accuracy = null;
  }
  if (delta.number !== undefined) tile.number = delta.number;
  if (delta.name !== undefined) tile.name = delta.name;
  if (delta.status !== undefined) tile.status = delta.status;
  if (delta.isReached !== undefined) tile.isReached = delta.isReached;
  if (delta.isEdited !== undefined) tile.isEdited = delta.isEdited;
  if (delta.config !== undefined) tile.config = delta.config;
  if (delta.step !== undefined) tile.step = delta.step;
  if (delta.loss !== undefined) tile.loss = delta.loss;
  if (delta.accuracy !== undefined) tile.accuracy = delta.accuracy;
  // The server's whole curve (a finished run's, or after a burst) replaces the streamed one as is.
  if (delta.curve) replaceCurve(tile, delta.curve);
  if (delta.points?.length) {
    // Copy on write: the previous tile object keeps its arrays as they were.
    if (previous && tile.steps === previous.steps) {
      tile.steps = [...previous.steps];
      tile.losses = [...previous.losses];
    }
    appendPoints(tile, delta.points);
  }
  if (delta.map !== undefined) tile.map = delta.map;
  if (delta.cells) mergeCells(tile, delta.cells);
  if (delta.lessonStep !== undefined) tile.lessonStep = delta.lessonStep;
  if (delta.reachedSteps) tile.reachedSteps = [...delta.reachedSteps];
  if (delta.group !== undefined) tile.group = delta.group;
  state.tiles.set(tile.id, tile);
}

type TileSeed = Pick<ParticipantTile, "id" | "number" | "name" | "status"> & Partial<ParticipantTile>;

function newTile(seed: TileSeed, joinedAt: number): Tile {
  const tile: Tile = {
    id: seed.id,
    number: seed.number,
    name: seed.name,
    status: seed.status,
    isReached: seed.isReached ?? false,
    isEdited: seed.isEdited ?? false,
    runId: seed.runId ?? null,
    config: seed.config ?? null,
    step: seed.step ?? 0,
    loss: seed.loss ?? null,
    accuracy: seed.accuracy ?? null,
    steps: [],
    losses: [],
    map: seed.map ?? null,
    cells: seed.cells ? [...seed.cells] : [],
    lessonStep: seed.lessonStep ?? null,
    reachedSteps: seed.reachedSteps ? [...seed.reachedSteps] : [],
    group: seed.group ?? null,
    joinedAt,
  };
  if (seed.points) replaceCurve(tile, seed.points);
  return tile;
}

/** Sets the tile's curve to `points` (already thinned by the server, steps increasing by schema). */
function replaceCurve(tile: Tile, points: readonly LossPoint[]): void {
  tile.steps = points.map((point) => point[0]);
  tile.losses = points.map((point) => point[1]);
}

/**
 * Appends points newer than the tile's last step (older or repeated ones are ignored: a resent
 * or reordered point must not bend the curve back), thinned with the server's buckets. Mutates
 * `tile`'s arrays: only on a tile not yet published.
 */
function appendPoints(tile: Tile, points: readonly LossPoint[]): void {
  for (const [step, loss] of points) appendToCurve(tile, step, loss, LIVE_CURVE_RESOLUTION);
}

function mergeCells(tile: Tile, cells: readonly CellResult[]): void {
  const byCell = new Map(tile.cells.map((cell) => [cell.cell, cell]));
  for (const cell of cells) byCell.set(cell.cell, cell);
  tile.cells = [...byCell.values()].sort((a, b) => a.cell - b.cell);
}

/** The name a tile shows: "Student N" while the class is anonymized, whatever the server sent. */
export function tileName(tile: Pick<Tile, "name" | "number">, isAnonymized: boolean): string {
  return isAnonymized ? anonymousName(tile.number) : tile.name;
}

/** Tile orders the teacher can pick. */
export const SORT_KEYS = ["joined", "loss", "name"] as const;
/** One tile order. */
export type SortKey = (typeof SORT_KEYS)[number];

/**
 * Tiles in display order: join time (number), loss ascending (tiles without a loss last), or
 * name (as shown, so anonymized names sort by number). Ties fall back to join order.
 */
export function sortTiles(tiles: Iterable<Tile>, key: SortKey, isAnonymized: boolean): Tile[] {
  const list = [...tiles];
  const byNumber = (a: Tile, b: Tile) => a.number - b.number;
  if (key === "loss") {
    return list.sort(
      (a, b) => (a.loss ?? Number.POSITIVE_INFINITY) - (b.loss ?? Number.POSITIVE_INFINITY) || byNumber(a, b),
    );
  }
  if (key === "name") {
    if (isAnonymized) return list.sort(byNumber);
    const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
    return list.sort((a, b) => collator.compare(a.name, b.name) || byNumber(a, b));
  }
  return list.sort(byNumber);
}
