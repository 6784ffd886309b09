/**
 * A class room's group experiment: the split of its members into 2–4 groups that differ in one
 * setting. The room holds it (per-class state lives in the owner's room, server/cluster); a push
 * is a class control (room-control.ts), so it is stored before it takes effect, like every control.
 */
import {
  applyGroup,
  assignGroups,
  type GroupExperiment,
  type GroupExperimentRequest,
  type RunGroup,
  type StudentGroup,
  smallestGroup,
} from "../../lib/classroom/groups";
import type { SessionSettings } from "../../lib/classroom/settings";
import { markClass, markMember } from "./room-marks";
import type { Member } from "./room-member";
import type { RoomState } from "./room-state";

/** What a push stores: the experiment (null: ended) and every present member's group. */
export type GroupsWrite = {
  experiment: GroupExperiment | null;
  assignments: { participantId: string; group: number | null }[];
};

/**
 * Starts (or ends, with null) the class's group experiment at the room's current generation (the
 * caller resets the class first) and assigns every member: the teacher's picks, then evenly in
 * join order. Returns what must be stored.
 */
export function setGroupExperiment(state: RoomState, request: GroupExperimentRequest | null): GroupsWrite {
  markClass(state);
  if (!request) {
    state.experiment = null;
    for (const member of state.members.values()) setGroup(state, member, null);
    return {
      experiment: null,
      assignments: [...state.members.keys()].map((id) => ({ participantId: id, group: null })),
    };
  }
  const { picks, ...variation } = request;
  state.experiment = {
    ...variation,
    generation: state.generation,
    mode: picks && picks.length > 0 ? "picked" : "even",
  } as GroupExperiment;
  const picked = new Map((picks ?? []).map((pick) => [pick.participantId, pick.group]));
  const assigned = assignGroups([...state.members.keys()], variation.values.length, picked);
  const assignments: GroupsWrite["assignments"] = [];
  for (const member of state.members.values()) {
    const group = assigned.get(member.id) ?? null;
    setGroup(state, member, group);
    assignments.push({ participantId: member.id, group });
  }
  return { experiment: state.experiment, assignments };
}

/**
 * A member without a group joins a class with an experiment (a late joiner, or one restored
 * before their group was stored): they go to the smallest group. Returns the group given, or null
 * when nothing changed.
 */
export function assignLateJoiner(state: RoomState, member: Member): number | null {
  const experiment = state.experiment;
  if (!experiment || member.group !== null) return null;
  const sizes = new Array<number>(experiment.values.length).fill(0);
  for (const other of state.members.values()) {
    if (other.group !== null && other.group < sizes.length) sizes[other.group] = (sizes[other.group] ?? 0) + 1;
  }
  const group = smallestGroup(sizes);
  setGroup(state, member, group);
  return group;
}

/** The member's settings with their group's value of the varied setting (locked), if in a group. */
export function withMemberGroup(state: RoomState, member: Member, settings: SessionSettings): SessionSettings {
  if (!state.experiment || member.group === null) return settings;
  return applyGroup(settings, state.experiment, member.group);
}

/** What the student is told of their group; null without one. */
export function studentGroup(state: RoomState, member: Member): StudentGroup | null {
  const experiment = state.experiment;
  const value = member.group === null ? undefined : experiment?.values[member.group];
  if (!experiment || member.group === null || value === undefined) return null;
  return { index: member.group, count: experiment.values.length, key: experiment.key, value };
}

/** The group a run started now is trained in (stored on Run.group); null without one. */
export function runGroup(state: RoomState, member: Member): RunGroup | null {
  const group = studentGroup(state, member);
  if (!group || !state.experiment) return null;
  return { generation: state.experiment.generation, index: group.index, key: group.key, value: group.value };
}

function setGroup(state: RoomState, member: Member, group: number | null): void {
  if (member.group === group) return;
  member.group = group;
  markMember(state, member);
}
