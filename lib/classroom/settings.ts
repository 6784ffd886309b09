/**
 * Session settings: the dataset everyone trains on, the target, the default hyper-parameters and
 * which of them students may change. Stored as JSON on the class (ClassSession.settings) and sent
 * to students, so the schema fills missing fields with defaults: old rows keep parsing.
 */
import { z } from "../zod";
import {
  ACTIVATIONS,
  DATASETS,
  type DatasetName,
  DEFAULT_HIDDEN,
  DEFAULT_INIT_SCALE,
  DEFAULT_LR,
  DEFAULT_NOISE,
  DEFAULT_STEPS,
  MAX_NOISE,
  OPTIMIZERS,
} from "./names";

/** 0 hidden units is the chapter's single-line model; 32 keeps a run under a second per 1,000 steps. */
export const HIDDEN_MIN = 0;
export const HIDDEN_MAX = 32;
/** Below 1e-5 nothing visibly moves in a class period; above 10 every dataset diverges at once. */
export const LR_MIN = 1e-5;
export const LR_MAX = 10;
/** A Web Worker runs 20,000 full-batch steps of hidden 32 in well under a minute. */
export const STEPS_MIN = 1;
export const STEPS_MAX = 20_000;
/** Noise is the std of the jitter in data units (lib/ml/nn); beyond MAX_NOISE the shapes are gone. */
export const NOISE_MIN = 0;
export const NOISE_MAX = MAX_NOISE;
/**
 * Init scale multiplies the default (He / Glorot) initial weights. 0.001 already starts every
 * net a thousand steps deep in the plateau at zero; above 10 the first logits saturate the sigmoid.
 */
export const INIT_SCALE_MIN = 0.001;
export const INIT_SCALE_MAX = 10;
/** Seeds are uint32: what the seeded generator in lib/ml/nn consumes. */
export const SEED_MAX = 0xffff_ffff;
/** A target below chance (50 % on two classes) would mean nothing. */
export const TARGET_ACCURACY_MIN = 0.5;
export const TARGET_ACCURACY_MAX = 1;
/** The default: 95 % accuracy on the training points. */
export const DEFAULT_TARGET_ACCURACY = 0.95;
/** The default seed for both data and init, so two fresh sessions show the same picture. */
export const DEFAULT_SEED = 42;

/** The hyper-parameters a student may be allowed to change. */
export const HYPER_PARAM_KEYS = ["hidden", "lr", "steps", "activation", "optimizer", "initScale", "initSeed"] as const;
/** One hyper-parameter key. */
export type HyperParamKey = (typeof HYPER_PARAM_KEYS)[number];

const seedSchema = z.int().min(0).max(SEED_MAX);

/** Per-field schemas, reused to validate a student's choice field by field. */
export const hyperParamSchemas = {
  hidden: z.int().min(HIDDEN_MIN).max(HIDDEN_MAX),
  lr: z.number().min(LR_MIN).max(LR_MAX),
  steps: z.int().min(STEPS_MIN).max(STEPS_MAX),
  activation: z.enum(ACTIVATIONS),
  optimizer: z.enum(OPTIMIZERS),
  initScale: z.number().min(INIT_SCALE_MIN).max(INIT_SCALE_MAX),
  initSeed: seedSchema,
} as const;

/**
 * The hyper-parameters of one run. Init scale came later than the rest: a stored config or an
 * old client without it means the default initialisation (scale 1), which is what it trained with.
 */
export const hyperParamsSchema = z.object({
  ...hyperParamSchemas,
  initScale: hyperParamSchemas.initScale.default(DEFAULT_INIT_SCALE),
});
/** Hyper-parameters of one run: hidden units, learning rate, steps, activation, optimizer, init scale, init seed. */
export type HyperParams = z.output<typeof hyperParamsSchema>;

/** What a student asks for when starting a run: any subset of the hyper-parameters. */
export const studentChoiceSchema = z.object(hyperParamSchemas).partial();
/** A student's requested hyper-parameters; locked ones are ignored by {@link resolveRunConfig}. */
export type StudentChoice = z.output<typeof studentChoiceSchema>;

/** The class's defaults, used for every field a student may not (or did not) change. */
export function defaultHyperParams(): HyperParams {
  return {
    hidden: DEFAULT_HIDDEN,
    lr: DEFAULT_LR,
    steps: DEFAULT_STEPS,
    activation: "relu",
    optimizer: "sgd",
    initScale: DEFAULT_INIT_SCALE,
    initSeed: DEFAULT_SEED,
  };
}

/** Session settings; every field has a default so `parse({})` gives {@link defaultSessionSettings}. */
export const sessionSettingsSchema = z.object({
  dataset: z.enum(DATASETS).default("xor"),
  noise: z.number().min(NOISE_MIN).max(NOISE_MAX).default(DEFAULT_NOISE.xor),
  dataSeed: seedSchema.default(DEFAULT_SEED),
  targetAccuracy: z.number().min(TARGET_ACCURACY_MIN).max(TARGET_ACCURACY_MAX).default(DEFAULT_TARGET_ACCURACY),
  defaults: hyperParamsSchema.default(defaultHyperParams),
  /** Keys students may change; the others are shown to them, disabled. Duplicates are dropped. */
  unlocked: z
    .array(z.enum(HYPER_PARAM_KEYS))
    .max(HYPER_PARAM_KEYS.length * 2)
    .default(() => [...HYPER_PARAM_KEYS])
    .transform((keys) => HYPER_PARAM_KEYS.filter((key) => keys.includes(key))),
  /** When true a student must pass the forward-pass cell before the train button unlocks. */
  requireForwardPassCell: z.boolean().default(false),
  /**
   * Students may add and remove points while training (issue 15). Per session and per lesson
   * step; the teacher can also switch it live from the dashboard without resetting anyone.
   */
  allowPointEdits: z.boolean().default(true),
});
/** Settings of one class session. */
export type SessionSettings = z.output<typeof sessionSettingsSchema>;
/** Settings as typed by a teacher or read from an old row: any field may be missing. */
export type SessionSettingsInput = z.input<typeof sessionSettingsSchema>;

/** Everything one run needs: the class's data and target plus the resolved hyper-parameters. */
export const runConfigSchema = hyperParamsSchema.extend({
  dataset: z.enum(DATASETS),
  noise: z.number().min(NOISE_MIN).max(NOISE_MAX),
  dataSeed: seedSchema,
  targetAccuracy: z.number().min(TARGET_ACCURACY_MIN).max(TARGET_ACCURACY_MAX),
});
/** The full configuration of one run, as trained and as stored on Run.config. */
export type RunConfig = z.output<typeof runConfigSchema>;

/**
 * A new session's settings: XOR, 95 % target, hidden 8, every hyper-parameter unlocked.
 *
 * @example
 * const settings = { ...defaultSessionSettings(), dataset: "spiral" };
 */
export function defaultSessionSettings(): SessionSettings {
  return sessionSettingsSchema.parse({});
}

/** The noise a dataset looks right with; a settings form resets noise to it when the dataset changes. */
export function defaultNoiseFor(dataset: DatasetName): number {
  return DEFAULT_NOISE[dataset];
}

/** True when students may change `key` in this session. */
export function isHyperParamUnlocked(settings: SessionSettings, key: HyperParamKey): boolean {
  return settings.unlocked.includes(key);
}

/**
 * The run a student gets: the class's dataset and target, the defaults, and the student's choice
 * for unlocked keys only. Each chosen field is validated on its own, so a bad or locked field
 * falls back to the default instead of failing the run. Never throws.
 *
 * @example
 * resolveRunConfig(settings, { hidden: 16, lr: 99 }) // hidden 16 if unlocked; lr 99 is out of range → default
 */
export function resolveRunConfig(settings: SessionSettings, choice: unknown): RunConfig {
  const hyper: HyperParams = { ...settings.defaults };
  const isObject = typeof choice === "object" && choice !== null;
  if (isObject) {
    const record = choice as Record<string, unknown>;
    for (const key of settings.unlocked) {
      const parsed = hyperParamSchemas[key].safeParse(record[key]);
      if (parsed.success) Object.assign(hyper, { [key]: parsed.data });
    }
  }
  return {
    ...hyper,
    dataset: settings.dataset,
    noise: settings.noise,
    dataSeed: settings.dataSeed,
    targetAccuracy: settings.targetAccuracy,
  };
}

/** Keys the student set to a value different from the default although they are locked. */
export function lockedKeysChanged(settings: SessionSettings, choice: StudentChoice): HyperParamKey[] {
  return HYPER_PARAM_KEYS.filter(
    (key) =>
      !isHyperParamUnlocked(settings, key) && choice[key] !== undefined && choice[key] !== settings.defaults[key],
  );
}
