/**
 * The socket.io event maps, one pair per role, for `Server<...>` / `Socket<...>` generics:
 *
 * @example
 * const socket: Socket<StudentServerToClientEvents, StudentClientToServerEvents> = io(url, { auth });
 */

import type { Pacing, PacingCommand } from "../lessons/pacing";
import type { AttentionSeen } from "./attention";
import type { Challenge, ChallengeBoard, ChallengeSet } from "./challenge";
import type { CellCheck, CellResult } from "./common";
import type { SnapshotControl, SnapshotWeightsStatus, TeacherConsensus, TeacherTrayWire } from "./compare";
import type { AckCallback, ProtocolError } from "./events";
import type { TeacherFrameWire, TeacherSnapshotWire } from "./frames";
import type { LessonStepRequest } from "./lesson";
import type { NetworkAnswer, NetworkRequest, NetworkWeights, StudentWatch, TeacherNetwork } from "./network";
import type {
  ProgressResume,
  ProgressUpdate,
  RunEdit,
  RunFinish,
  RunStart,
  RunStartResult,
  StudentClassState,
  StudentControl,
  StudentWaiting,
} from "./student";
import type { ClassControl } from "./teacher";

/** Events a student socket sends. */
export type StudentClientToServerEvents = {
  "progress:update": (update: ProgressUpdate) => void;
  "progress:resume": (resume: ProgressResume, ack: AckCallback) => void;
  "run:start": (request: RunStart, ack: AckCallback<RunStartResult>) => void;
  "run:finish": (finish: RunFinish, ack: AckCallback) => void;
  "cell:check": (check: CellCheck, ack: AckCallback<{ result: CellResult }>) => void;
  "lesson:step": (request: LessonStepRequest, ack: AckCallback<{ state: StudentClassState }>) => void;
  "network:weights": (weights: NetworkWeights) => void;
  "network:answer": (answer: NetworkAnswer) => void;
  "run:edit": (edit: RunEdit, ack: AckCallback) => void;
};

/** Events the server sends to a student socket. */
export type StudentServerToClientEvents = {
  "session:state": (state: StudentClassState) => void;
  "student:control": (control: StudentControl) => void;
  "student:watch": (watch: StudentWatch) => void;
  "network:request": (request: NetworkRequest) => void;
  "session:waiting": (waiting: StudentWaiting) => void;
  error: (error: ProtocolError) => void;
};

/** Events a teacher socket sends. */
export type TeacherClientToServerEvents = {
  "class:control": (command: ClassControl, ack: AckCallback) => void;
  "teacher:resync": (request: Record<string, never>, ack: AckCallback<{ snapshot: TeacherSnapshotWire }>) => void;
  "lesson:pace": (command: PacingCommand, ack: AckCallback<{ pacing: Pacing }>) => void;
  "attention:seen": (request: AttentionSeen, ack: AckCallback) => void;
  "snapshot:control": (
    command: SnapshotControl,
    ack: AckCallback<{ snapshotId?: string; weights?: SnapshotWeightsStatus }>,
  ) => void;
  "challenge:set": (request: ChallengeSet, ack: AckCallback<{ challenge: Challenge | null }>) => void;
};

/** Events the server sends to a teacher socket. */
export type TeacherServerToClientEvents = {
  "teacher:snapshot": (snapshot: TeacherSnapshotWire) => void;
  "teacher:frame": (frame: TeacherFrameWire) => void;
  "teacher:network": (network: TeacherNetwork) => void;
  "teacher:tray": (tray: TeacherTrayWire) => void;
  "teacher:consensus": (consensus: TeacherConsensus) => void;
  "challenge:board": (board: ChallengeBoard) => void;
  error: (error: ProtocolError) => void;
};

/** Everything a client may send, for the server's `Server<...>` generic (role is checked per socket). */
export type ClientToServerEvents = StudentClientToServerEvents & TeacherClientToServerEvents;
/** Everything the server may send. */
export type ServerToClientEvents = StudentServerToClientEvents & TeacherServerToClientEvents;
