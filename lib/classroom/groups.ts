/**
 * Group experiments: the teacher splits the class into 2–4 groups that differ in ONE setting
 * (lr 0.01 / 0.1 / 1, hidden 1 / 2 / 8, relu / linear, init scale…), so the class becomes one
 * controlled experiment. Pure rules shared by server, dashboard and review: the schemas, the
 * balanced assignment, the override of a group's settings, and the words and styles that name a
 * group (colour is never the only signal: every group also has a letter, a dash and a shape).
 */
import { storableString } from "../storable-string";
import { z } from "../zod";
import { ACTIVATIONS, OPTIMIZERS } from "./names";
import { type HyperParamKey, hyperParamSchemas, type SessionSettings } from "./settings";

/** 2–4 groups: more would not read on a projector, fewer is not a comparison. */
export const MIN_GROUPS = 2;
export const MAX_GROUPS = 4;

/** The settings a group experiment may vary (the init seed is each student's own already). */
export const GROUP_KEYS = ["lr", "hidden", "activation", "initScale", "optimizer", "steps"] as const;
/** One setting a group experiment varies. */
export type GroupKey = (typeof GROUP_KEYS)[number] & HyperParamKey;

/** How a setting is named to people. */
export const GROUP_KEY_LABELS: Record<GroupKey, string> = {
  lr: "learning rate",
  hidden: "hidden units",
  activation: "activation",
  initScale: "init scale",
  optimizer: "optimizer",
  steps: "steps",
};

const groupIndexSchema = z
  .int()
  .min(0)
  .max(MAX_GROUPS - 1);

function valuesOf<S extends z.ZodType<number | string>>(schema: S) {
  return z
    .array(schema)
    .min(MIN_GROUPS)
    .max(MAX_GROUPS)
    .refine((values) => new Set(values).size === values.length, { message: "Each group needs its own value" });
}

/** The varied setting and one value per group, checked with the setting's own range. */
export const groupVariationSchema = z.discriminatedUnion("key", [
  z.object({ key: z.literal("lr"), values: valuesOf(hyperParamSchemas.lr) }),
  z.object({ key: z.literal("hidden"), values: valuesOf(hyperParamSchemas.hidden) }),
  z.object({ key: z.literal("activation"), values: valuesOf(hyperParamSchemas.activation) }),
  z.object({ key: z.literal("initScale"), values: valuesOf(hyperParamSchemas.initScale) }),
  z.object({ key: z.literal("optimizer"), values: valuesOf(hyperParamSchemas.optimizer) }),
  z.object({ key: z.literal("steps"), values: valuesOf(hyperParamSchemas.steps) }),
]);
/** What a group experiment varies. */
export type GroupVariation = z.output<typeof groupVariationSchema>;

/** How students were split: evenly by join order, or by the teacher picking tiles. */
export const GROUP_MODES = ["even", "picked"] as const;

/**
 * What the teacher pushes (class:control "groups"): the variation and, to pick tiles, each picked
 * participant's group. Participants not picked (and later joiners) are spread evenly.
 */
export const groupExperimentRequestSchema = z.intersection(
  groupVariationSchema,
  z.object({
    picks: z
      .array(z.object({ participantId: storableString().min(1).max(64), group: groupIndexSchema }))
      .max(2000)
      .optional(),
  }),
);
/** A group experiment as pushed. */
export type GroupExperimentRequest = z.output<typeof groupExperimentRequestSchema>;

/**
 * The experiment as the class holds it (ClassSession.groupExperiment, ClassState.experiment):
 * `generation` is the class generation it started at (a push resets the class), so it names the
 * experiment among the class's experiments: runs record it (Run.group).
 */
export const groupExperimentSchema = z.intersection(
  groupVariationSchema,
  z.object({ generation: z.int().min(0), mode: z.enum(GROUP_MODES) }),
);
/** The class's current group experiment. */
export type GroupExperiment = z.output<typeof groupExperimentSchema>;

const groupValueSchema = z.union([z.number(), z.enum([...ACTIVATIONS, ...OPTIMIZERS])]);

/** The group a run was trained in, as stored on Run.group and shown in the review and exports. */
export const runGroupSchema = z.object({
  generation: z.int().min(0),
  index: groupIndexSchema,
  key: z.enum(GROUP_KEYS),
  value: groupValueSchema,
});
/** A run's group. */
export type RunGroup = z.output<typeof runGroupSchema>;

/** A student's view of their group: which one, and what is varied. */
export const studentGroupSchema = z.object({
  index: groupIndexSchema,
  count: z.int().min(MIN_GROUPS).max(MAX_GROUPS),
  key: z.enum(GROUP_KEYS),
  value: groupValueSchema,
});
/** A student's group. */
export type StudentGroup = z.output<typeof studentGroupSchema>;

/** "A" … "D". */
export function groupLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

/** "lr 0.01", "hidden 8", "relu". */
export function groupValueLabel(key: GroupKey, value: number | string): string {
  if (key === "activation" || key === "optimizer") return String(value);
  return `${key} ${value}`;
}

/** "Group A: lr 0.01". */
export function groupLabel(key: GroupKey, index: number, value: number | string): string {
  return `Group ${groupLetter(index)}: ${groupValueLabel(key, value)}`;
}

/** Colours of groups A–D (Okabe–Ito: told apart with colour-blindness too), each with a dash and a shape. */
export const GROUP_STYLES = [
  { color: "#0072B2", dash: [] as number[], dashName: "solid", shape: "circle" },
  { color: "#D55E00", dash: [10, 6], dashName: "dashed", shape: "square" },
  { color: "#009E73", dash: [2, 5], dashName: "dotted", shape: "triangle" },
  { color: "#CC79A7", dash: [12, 4, 2, 4], dashName: "dash-dot", shape: "diamond" },
] as const;
/** One group's style. */
export type GroupStyle = (typeof GROUP_STYLES)[number];

/** The group's style (cycled: never out of range). */
export function groupStyle(index: number): GroupStyle {
  return GROUP_STYLES[index % GROUP_STYLES.length] ?? GROUP_STYLES[0];
}

/**
 * Balanced, deterministic split: in join order, round robin over the groups (neighbours who joined
 * together land in different groups), after the teacher's picks. Group sizes differ by at most
 * one among the students not picked, and a student's group depends only on the order.
 *
 * @example assignGroups(["a", "b", "c", "d", "e"], 2) // Map { a→0, b→1, c→0, d→1, e→0 }
 */
export function assignGroups(
  orderedIds: readonly string[],
  groupCount: number,
  picks: ReadonlyMap<string, number> = new Map(),
): Map<string, number> {
  const assigned = new Map<string, number>();
  const sizes = new Array<number>(groupCount).fill(0);
  for (const id of orderedIds) {
    const picked = picks.get(id);
    if (picked === undefined || picked >= groupCount) continue;
    assigned.set(id, picked);
    sizes[picked] = (sizes[picked] ?? 0) + 1;
  }
  for (const id of orderedIds) {
    if (assigned.has(id)) continue;
    const group = smallestGroup(sizes);
    assigned.set(id, group);
    sizes[group] = (sizes[group] ?? 0) + 1;
  }
  return assigned;
}

/** The group with the fewest members; the lowest index on a tie (a late joiner's group). */
export function smallestGroup(sizes: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < sizes.length; i++) if ((sizes[i] ?? 0) < (sizes[best] ?? 0)) best = i;
  return best;
}

/**
 * A group's settings: the class's, with the varied setting set to the group's value and locked
 * (a student cannot leave their group's condition by changing it).
 */
export function applyGroup(settings: SessionSettings, experiment: GroupVariation, index: number): SessionSettings {
  const value = experiment.values[index];
  if (value === undefined) return settings;
  return {
    ...settings,
    defaults: { ...settings.defaults, [experiment.key]: value },
    unlocked: settings.unlocked.filter((key) => key !== experiment.key),
  };
}
