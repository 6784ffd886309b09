/**
 * The built-in lesson "Stacking layers": chapter 6 as a class period. One neuron draws a line, no
 * line splits XOR, the chapter's three cells, then an MLP carves XOR after a plateau, collapses
 * without its ReLU, fails with too large a step, and needs more capacity, time or care on a spiral.
 * test/lib/lessons/stacking-layers.test.ts trains each step's settings and checks that the step
 * shows what its notes promise.
 */
import { CELL } from "../cells/definitions";
import {
  DEFAULT_SEED,
  defaultHyperParams,
  defaultNoiseFor,
  type HyperParamKey,
  type HyperParams,
  type SessionSettingsInput,
} from "../classroom/settings";
import type { DatasetName } from "../ml/nn/datasets";
import { XOR_PLATEAU } from "../ml/nn/plateau";
import { type LessonContentInput, STEP_KIND } from "./schema";

/**
 * The XOR step where the chapter's early plateau shows with its ReLU: lib/ml/nn's measured
 * XOR_PLATEAU (30 of 30 init seeds flat for the first 5 % of steps, then below half the starting
 * loss; plateaus of 234–284 steps, all at 100 %). The step count is locked so every curve is comparable.
 */
export const XOR_PLATEAU_STEP = {
  dataset: XOR_PLATEAU.dataset,
  noise: XOR_PLATEAU.noise,
  hyper: {
    activation: XOR_PLATEAU.activation,
    hidden: XOR_PLATEAU.hidden,
    initScale: XOR_PLATEAU.initScale,
    lr: XOR_PLATEAU.lr,
    steps: XOR_PLATEAU.steps,
  },
} as const;

/** The learning rate that is too large: the form's maximum; most XOR runs diverge or stall at it. */
export const TOO_LARGE_LR = 10;
/** Steps of the quick single-neuron and large-lr runs: they decide within a few hundred. */
const SHORT_RUN_STEPS = 500;

/** Settings of a training step: the dataset at its default noise unless given, and the keys students may change. */
function training(
  dataset: DatasetName,
  hyper: Partial<HyperParams>,
  unlocked: readonly HyperParamKey[],
  noise?: number,
): SessionSettingsInput {
  return {
    dataset,
    noise: noise ?? defaultNoiseFor(dataset),
    dataSeed: DEFAULT_SEED,
    defaults: { ...defaultHyperParams(), ...hyper },
    unlocked: [...unlocked],
  };
}

/** Stable key of the built-in lesson: its id in URLs and in a session's snapshot. */
export const STACKING_LAYERS_KEY = "stacking-layers";

/** The chapter's lesson, as data. */
export const STACKING_LAYERS: LessonContentInput = {
  title: "Stacking layers",
  summary:
    "Chapter 6 in one period: one neuron draws a line, no line splits XOR, the three cells, then an MLP carves XOR — after a plateau — and fails without its ReLU or with too large a step.",
  steps: [
    {
      kind: STEP_KIND.training,
      title: "One neuron, two clouds",
      prompt:
        "This network has no hidden layer: it is a single neuron, the trainer from chapter 5. Press Train and watch the map. What shape is the border between warm and cool?",
      lookFor:
        "Every map ends with one straight border, the two clouds on opposite sides, at 100 %. Other init seeds and learning rates tilt or shift the line; it never bends.",
      discussion:
        "The neuron computes w·x + b and squashes it. Where is its output exactly 0.5? Why must those points form a straight line?",
      settings: training("gaussian", { hidden: 0, steps: SHORT_RUN_STEPS }, ["lr", "initSeed"]),
    },
    {
      kind: STEP_KIND.training,
      title: "One neuron on XOR",
      prompt:
        "The same single neuron on XOR: class 1 sits in two opposite corners, class 0 in the other two. Can you get it above 50 %? Try any learning rate and as many steps as you like.",
      lookFor:
        "Runs end near 50 % with an almost uniformly pale map: no line puts all four corners on the right side, so the best the neuron can do is say 50/50 everywhere. More steps do not help.",
      discussion:
        "Sketch the four clusters on the board. Where would you put one line, and how many points does it get right? Why can't training beat that?",
      settings: training("xor", { hidden: 0, steps: SHORT_RUN_STEPS }, ["lr", "steps", "initSeed"]),
    },
    {
      kind: STEP_KIND.cell,
      cell: CELL.linear,
      title: "Cell 1 · The linear layer",
      prompt:
        "Write linear(x, weight, bias): each row of weight is one neuron. Dot the row with x, add that row's bias, one output per row. Run until every case passes.",
      lookFor:
        "Cases that fail only when out ≠ in mean rows and columns are swapped (weight[i][r] for weight[r][i]). Outputs that are close but not equal mean the sum ran in another order: start from 0, add left to right, then the bias.",
      discussion:
        "x has length 2 and the layer has 8 outputs. What shape is W, how long is b, and how many numbers does the layer learn?",
    },
    {
      kind: STEP_KIND.cell,
      cell: CELL.forwardPass,
      title: "Cell 2 · The forward pass",
      prompt:
        "Chain two layers with a ReLU between them: relu(linear(x, w1, b1)), then linear of that with w2 and b2. Your bars must match the reference's on all four test points.",
      lookFor:
        "Bars that match on some quadrants and not on others usually mean a forgotten ReLU (the net collapsed to one linear layer) or a ReLU on the output as well. Untrained outputs look like noise: that is expected.",
      discussion:
        "Take the ReLU out: W2(W1x + b1) + b2. Which single linear layer computes the same thing? What does that say about stacking layers without a non-linearity?",
    },
    {
      kind: STEP_KIND.cell,
      cell: CELL.training,
      title: "Cell 3 · Train on XOR",
      prompt:
        "initMlp, mlpStep and the data are given; the cell runs the loop. Run it unchanged first and read the loss curve before you change anything.",
      lookFor:
        "A flat start, then a steep drop: the random init untangling itself. Students who change the learning rate or the hidden size see the plateau move; a jagged curve means the rate is too large.",
      discussion:
        "The loss sat still for hundreds of iterations, then fell within a few dozen. What was the network doing while the loss did not move?",
    },
    {
      kind: STEP_KIND.training,
      title: "Hidden 8: the plateau, then the drop",
      prompt:
        "Now the whole network in the trainer: 8 hidden ReLU units, started from small weights. Press Train and watch the first few hundred steps of the loss curve.",
      lookFor:
        "Every curve sits flat near 0.69 (ln 2: the net says 50/50 everywhere) for a few hundred steps, then drops steeply; the map goes from faint to four sharp regions with the points in matching colours. The plateaus end at different steps for different seeds.",
      discussion:
        "Why do the first few hundred steps go nowhere? With tiny weights, what does each hidden unit output, and how large are the gradients that reach the first layer?",
      settings: training(XOR_PLATEAU_STEP.dataset, { ...XOR_PLATEAU_STEP.hyper }, ["initSeed"], XOR_PLATEAU_STEP.noise),
    },
    {
      kind: STEP_KIND.training,
      title: "Take the ReLU away",
      prompt:
        "The same 8 hidden units, but the activation is linear: no ReLU. Train, then try 16 or 32 hidden units and more steps.",
      lookFor:
        "Every run ends where the single neuron did, near 50 %, whatever the hidden size or step count: two linear layers collapse into one linear function, and one line cannot split XOR.",
      discussion:
        "Multiply it out: W2(W1x + b1) + b2 = (W2W1)x + (W2b1 + b2). Which single neuron is hiding inside this network? What exactly does the ReLU add?",
      settings: training("xor", { activation: "linear", hidden: 8, lr: 0.1 }, ["hidden", "lr", "steps", "initSeed"]),
    },
    {
      kind: STEP_KIND.training,
      title: "A learning rate that is too large",
      prompt: `The network that learned XOR, now with learning rate ${TOO_LARGE_LR}. Train and watch the curve. Then find the largest rate that still trains well.`,
      lookFor:
        "Most runs blow up (they stop as diverged) or stall at 75 % with a jagged curve; a lucky few reach 100 %. At 5 and below every run trains again, in fewer steps than at 0.3.",
      discussion:
        "Each step moves every weight by lr × its gradient. What happens when that move is longer than the valley the loss sits in is wide?",
      settings: training("xor", { lr: TOO_LARGE_LR, steps: SHORT_RUN_STEPS }, ["lr", "initSeed"]),
    },
    {
      kind: STEP_KIND.training,
      title: "Harder shapes: the spiral",
      prompt:
        "Two arms wound around each other. Train with the defaults, then fix what fails: more capacity (hidden size), more time (steps), or more careful step sizes (learning rate, optimizer).",
      lookFor:
        "At hidden 8 and 2,000 steps most runs stop short of 95 %, the border cutting across an arm. Hidden 32 reaches the target in the same 2,000 steps; more steps or Adam help too. Compare what students changed. (Copy the lesson to use the checkerboard or the circles here instead.)",
      discussion:
        "Pretty much every neural-network failure has the same fix: more capacity, more time, or more careful step sizes. Which did your fix use, and what did it cost?",
      settings: training("spiral", {}, ["hidden", "lr", "steps", "activation", "optimizer", "initSeed"]),
    },
  ],
};
