/**
 * Every size and rate limit of the live-class protocol, each with its reason. The server sizes
 * socket.io's `maxHttpBufferSize` from {@link MAX_MESSAGE_BYTES}; clients throttle with the
 * intervals; schemas refuse anything larger.
 */
import { HIDDEN_MAX, STEPS_MAX } from "../classroom/settings";
import { curveResolution } from "../curve";

/**
 * Bump on any incompatible change; client and server refuse to talk across versions.
 * v2: progress:resume (a reconnecting student's whole curve so far); run configs carry `initScale`
 * (a version-1 tab would drop it and train other weights than the server verifies, so it must reload).
 * Also v2: progress carries shape-kept curve points (lib/curve, up to a whole run's), frames may
 * replace a tile's curve (`curve`), one live status per student plus `isReached` and `counts.reached`.
 * v3: a teacher frame's or snapshot's maps travel packed in one binary buffer (`maps`), not one
 * attachment per tile (a v2 dashboard would find no maps, and needed a patched packet parser).
 * v3: the spotlit student's network live (student:watch, network:weights, teacher:network), points
 * students add while training (run:edit, the edit log in session:state, `isEdited` on tiles) and the
 * session setting `allowPointEdits`; a v2 tab would ignore the watch and train on data it cannot edit.
 * Also v3: run:start carries the client's `requestId`, so a resent start is answered with the run
 * it already started rather than a second run; cell:check its `checkId`, counted once.
 * Also v3: approval mode (issue 11): the class state carries `isApprovalRequired` and the waiting
 * list, the admission controls, `session:waiting` to a waiting student, AWAITING_APPROVAL / JOIN_DENIED.
 */
export const PROTOCOL_VERSION = 3;

/**
 * Students on one class's waiting list at most: a lecture hall (1,000) waiting at once fits, and
 * a flood of fake joins cannot grow the list (and every teacher frame carrying it) without bound.
 * Joins beyond it are refused RATE_LIMITED until the teacher admits or denies some.
 */
export const MAX_WAITING_STUDENTS = 1000;

/** A decision map is 32 × 32 pixels: enough for a tile thumbnail, 1 KiB per map. */
export const MAP_RESOLUTION = 32;
/** One byte per pixel: the class-1 probability scaled to 0–255. */
export const MAP_BYTES = MAP_RESOLUTION * MAP_RESOLUTION;

/** A finished run's curve is thinned to this: one point per pixel of a wide chart. */
export const MAX_CURVE_POINTS = 1000;
/**
 * The buckets of every live curve (Worker → server → dashboard): the finest that fit a run of
 * STEPS_MAX steps in MAX_CURVE_POINTS (each bucket ~1.3 % of its step wide). A whole run sends
 * at most about that many points whatever its speed, so 300 students at Normal send ~10k points/s.
 */
export const LIVE_CURVE_RESOLUTION = curveResolution(MAX_CURVE_POINTS, STEPS_MAX);
/**
 * New loss points per progress update: at Max a 20,000-step run sends only a few updates, and the
 * first may carry most of the run's shape (the exact head and the early drop's buckets).
 */
export const MAX_LOSS_POINTS_PER_UPDATE = MAX_CURVE_POINTS;
/** Progress at most 4 times a second: smooth sparklines, bounded traffic at 1,000 students. */
export const PROGRESS_MIN_INTERVAL_MS = 250;
/**
 * A watched student's weights at most 4 times a second (the bound): the teacher's network
 * view redraws smoothly, and 33 numbers × 4/s is ~3 KiB/s for the one spotlit student.
 */
export const NETWORK_MIN_INTERVAL_MS = 250;
/** A decision map at most once a second: 1 KiB/s per student is the largest stream we allow. */
export const MAP_MIN_INTERVAL_MS = 1000;
/**
 * The server accepts updates this much faster than the nominal rate before dropping them: timer
 * jitter and a reconnect's burst must not cost data, a flooding client must not cost CPU.
 */
export const RATE_TOLERANCE = 0.5;
/**
 * At most one progress:resume per participant this often: a reconnect sends one; a client
 * that loops on reconnects must not make the server re-thin 1,000 points many times a second.
 */
export const RESUME_MIN_INTERVAL_MS = 1000;
/** One coalesced frame to the teacher every 100 ms keeps class controls and tiles under 250 ms p99. */
export const TEACHER_TICK_MS = 100;
/**
 * At most this many maps per teacher frame; the rest wait for the next tick (latest wins). 1,000
 * students × 1 map/s = 100 maps per 100 ms tick on average; a wave (everyone resuming after a
 * restart) of a 300-student class still fits one frame, whose packed maps are ≤ 300 KiB.
 */
export const MAX_MAPS_PER_FRAME = 300;
/**
 * Maps in one snapshot (one per student): lecture halls go to 1,000 students; the bound only stops
 * a runaway snapshot from allocating without limit (2 MiB of maps).
 */
export const MAX_SNAPSHOT_MAPS = 2000;
/**
 * New loss points held per student between frames; beyond this the frame sends the student's
 * whole kept curve instead (it replaces the tile's), so a burst never costs the curve's shape.
 */
export const MAX_FRAME_POINTS_PER_PARTICIPANT = 128;
/** Curve points per student in a late teacher's snapshot: a sparkline and overlay need no more. */
export const SNAPSHOT_CURVE_POINTS = 200;

/**
 * Clients reconnect after a dropped connection (server restart, network) starting after
 * {@link RECONNECT_DELAY_MS} and backing off to at most {@link RECONNECT_DELAY_MAX_MS}, each
 * wait randomized by ±{@link RECONNECT_RANDOMIZATION}: everyone is back within 3 s of the server
 * answering (socket.io's default max of 5 s could take 7.5 s), and 1,000 students spread over
 * 1–3 s instead of arriving in one burst.
 */
export const RECONNECT_DELAY_MS = 500;
export const RECONNECT_DELAY_MAX_MS = 2000;
export const RECONNECT_RANDOMIZATION = 0.5;
/** socket.io's own options for {@link RECONNECT_DELAY_MS}…: spread into every client's `io()` call. */
export const RECONNECT_OPTIONS = {
  reconnectionDelay: RECONNECT_DELAY_MS,
  reconnectionDelayMax: RECONNECT_DELAY_MAX_MS,
  randomizationFactor: RECONNECT_RANDOMIZATION,
} as const;

/** The chapter has three runnable cells. */
export const CELL_COUNT = 3;
/** The cell whose pass unlocks training when `requireForwardPassCell` is set. */
export const FORWARD_PASS_CELL = 2;
/** A cell's error message is shown as a badge tooltip; longer ones are truncated by the client. */
export const CELL_ERROR_MAX_CHARS = 500;
/** The chapter's cells are ~20 lines; 4,000 chars leaves room without carrying whole files. */
export const CELL_CODE_MAX_CHARS = 4000;
/** cuid ids are ~25 chars; 64 leaves room for other id schemes. */
export const MAX_ID_LENGTH = 64;

/** Parameters of the largest network: w1 [H×2], b1 [H], w2 [1×H], b2 [1]. */
export const MAX_WEIGHT_COUNT = HIDDEN_MAX * 2 + HIDDEN_MAX + HIDDEN_MAX + 1;

// JSON sizes used to compute the largest legal message.
/** "-2.2250738585072014e-308" is the longest a double prints in JSON. */
const JSON_NUMBER_MAX_BYTES = 24;
const JSON_STEP_MAX_BYTES = String(STEPS_MAX).length;
/** A string char can print as "\u001f": 6 bytes. */
const JSON_CHAR_MAX_BYTES = 6;
/** Keys, ids, outcome, accuracy, packet framing and ack id of one message. */
const JSON_ENVELOPE_BYTES = 1024;

/** run:finish: 1,000 `[step,loss],` points, hidden-32 weights, envelope. */
const RUN_FINISH_MAX_JSON_BYTES =
  MAX_CURVE_POINTS * (JSON_STEP_MAX_BYTES + JSON_NUMBER_MAX_BYTES + 4) +
  MAX_WEIGHT_COUNT * (JSON_NUMBER_MAX_BYTES + 3) +
  JSON_ENVELOPE_BYTES;
/** cell:check: code and error at worst-case escaping, envelope. */
const CELL_CHECK_MAX_JSON_BYTES =
  (CELL_CODE_MAX_CHARS + CELL_ERROR_MAX_CHARS) * JSON_CHAR_MAX_BYTES + JSON_ENVELOPE_BYTES;
/** The map rides as a binary attachment; over HTTP long-polling it is base64 (4/3). */
const MAP_ATTACHMENT_MAX_BYTES = Math.ceil((MAP_BYTES * 4) / 3) + 16;
/** Long-polling may batch a few queued progress updates into the same request. */
const MESSAGE_HEADROOM = 1.5;

/**
 * The largest message a client may legally send, with headroom. Set socket.io's
 * `maxHttpBufferSize` to this: anything larger is not a legal message and closes the connection.
 */
export const MAX_MESSAGE_BYTES =
  Math.ceil(
    ((Math.max(RUN_FINISH_MAX_JSON_BYTES, CELL_CHECK_MAX_JSON_BYTES) + MAP_ATTACHMENT_MAX_BYTES) * MESSAGE_HEADROOM) /
      1024,
  ) * 1024;
