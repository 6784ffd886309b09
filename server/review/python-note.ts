/**
 * How to load exported weights into the chapter's Python `mlp_forward`. For ReLU the chapter's
 * function computes the network's logit exactly; for the other activations (and for a single
 * neuron, exported with the identity "linear" activation) the same shapes go through a forward
 * pass with that activation in place of relu.
 */
const ACTIVATION_PYTHON: Record<string, string> = {
  tanh: "[math.tanh(v) for v in h]",
  sigmoid: "[1 / (1 + math.exp(-v)) for v in h]",
  linear: "h",
};

/** `fileName` is what the note opens: the file as the browser saved it. */
export function pythonLoadNote(activation: string, fileName = "weights.json"): string {
  const load = ["import json, math", `w = json.load(open('${fileName}'))`];
  if (activation === "relu") {
    return [
      "Exact in the chapter's llm/nn.py (relu, linear, mlp_forward):",
      ...load,
      "logit = mlp_forward([1.0, -1.0], w['w1'], w['b1'], w['w2'], w['b2'])[0]",
      "probability_class_1 = 1 / (1 + math.exp(-logit))",
    ].join("\n");
  }
  const apply = ACTIVATION_PYTHON[activation] ?? "h";
  return [
    `This run used the ${activation} activation, so use this forward pass instead of the chapter's relu mlp_forward`,
    "(same shapes, same linear helper):",
    ...load,
    "def forward(x, w1, b1, w2, b2):",
    "    h = linear(x, w1, b1)",
    `    return linear(${apply}, w2, b2)`,
    "logit = forward([1.0, -1.0], w['w1'], w['b1'], w['w2'], w['b2'])[0]",
    "probability_class_1 = 1 / (1 + math.exp(-logit))",
  ].join("\n");
}

/**
 * The chapter's §4 helpers for `llm/nn.py`, verbatim: what the load note above calls. Shown beside
 * a student's weights so the take-away runs in a fresh Python file.
 */
export const CHAPTER_NN_PY = `Vector = list[float]
Matrix = list[Vector]


def relu(x: Vector) -> Vector:
    return [max(0.0, value) for value in x]


def linear(x: Vector, weight: Matrix, bias: Vector) -> Vector:
    return [
        sum(xi * wi for xi, wi in zip(x, row)) + b
        for row, b in zip(weight, bias)
    ]


def mlp_forward(
    x: Vector,
    w1: Matrix,
    b1: Vector,
    w2: Matrix,
    b2: Vector,
) -> Vector:
    hidden = relu(linear(x, w1, b1))
    return linear(hidden, w2, b2)
`;
