/** Class states, counts and frames for the dashboard's model and store tests. */
import { defaultSessionSettings } from "@/lib/classroom/settings";
import {
  type ClassState,
  type Counts,
  type ParticipantDelta,
  PROTOCOL_VERSION,
  type TeacherFrame,
  type TeacherSnapshot,
} from "@/lib/protocol";

export const NOW = 1_700_000_000_000;

export function classState(overrides: Partial<ClassState> = {}): ClassState {
  return {
    classId: "class_1",
    title: "Period 3",
    settings: defaultSessionSettings(),
    isPaused: false,
    isJoinOpen: true,
    isEnded: false,
    isAnonymized: false,
    isApprovalRequired: false,
    waiting: [],
    spotlightId: null,
    generation: 0,
    lesson: null,
    experiment: null,
    ...overrides,
  };
}

export function counts(total: number): Counts {
  return { total, reached: 0, joined: total, training: 0, paused: 0, diverged: 0, finished: 0, disconnected: 0 };
}

export function frame(tick: number, participants: ParticipantDelta[], extra: Partial<TeacherFrame> = {}): TeacherFrame {
  return { t: NOW, tick, participants, counts: counts(participants.length), ...extra };
}

export function fullTile(id: string, number: number, name: string): ParticipantDelta {
  return {
    id,
    number,
    name,
    status: "joined",
    runId: null,
    config: null,
    step: 0,
    loss: null,
    accuracy: null,
    points: [],
    map: null,
    cells: [],
  };
}

/** A snapshot at tick 0 with nobody in the class. */
export function emptySnapshot(): TeacherSnapshot {
  return { v: PROTOCOL_VERSION, t: NOW, tick: 0, class: classState(), participants: [], counts: counts(0) };
}
