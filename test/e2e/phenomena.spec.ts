/**
 * The chapter's phenomena on the student's page, in Chromium: a single neuron's map shows its
 * decision line exactly where the weights the server stored put it (output 0.5), with the words
 * on why no line splits XOR; eight linear units collapse to one line and the advice says so; a
 * ReLU net shows no line, its dead units counted as unitHealth counts them on the stored weights;
 * each run shows its parameter count.
 */
import type { Locator, Page } from "@playwright/test";
import {
  type ChapterWeights,
  DATASET_EXTENT,
  DEFAULT_N,
  decisionLine,
  describeDecisionLine,
  fromChapterWeights,
  linearLimitNote,
  makeDataset,
  PLATEAU_END_RATIO,
  PLATEAU_FRACTION,
  PLATEAU_TOLERANCE,
  type Segment,
  unitHealth,
  XOR_PLATEAU,
} from "@/lib/ml/nn";
import { expect, launchSession, signUpTeacher, test } from "./fixtures";

const STEPS = 300;
/** The class's data: XOR at its default noise and the default data seed (lib/classroom DEFAULT_SEED). */
const XOR = makeDataset("xor", { n: DEFAULT_N, seed: 42 });

/** A new teacher's class with `fields` (spin buttons by name) set; returns the join code. */
async function launchLineClass(page: Page, fields: Record<string, string>): Promise<string> {
  await signUpTeacher(page, { emailLabel: "lines", timeoutMs: 30_000 });
  const { code } = await launchSession(page, {
    title: "One neuron draws a line",
    fill: async (form) => {
      for (const [label, value] of Object.entries(fields))
        await form.getByRole("spinbutton", { name: label }).fill(value);
    },
  });
  return code;
}

type WeightsFile = ChapterWeights & { activation: "relu" | "tanh" | "sigmoid" | "linear" };

/** The weights the server stored for the student's newest run, read back through the take-away API. */
async function storedWeights(page: Page, token: string, seen: Set<string>): Promise<WeightsFile> {
  let runId = "";
  await expect
    .poll(
      async () => {
        const ids = await page.evaluate(async (body) => {
          const response = await fetch("/api/takeaway", {
            method: "POST",
            body,
            headers: { "content-type": "application/json" },
          });
          const json = (await response.json()) as { takeaway?: { loadNotes: Record<string, string> } };
          return Object.keys(json.takeaway?.loadNotes ?? {});
        }, JSON.stringify({ token }));
        runId = ids.find((id) => !seen.has(id)) ?? "";
        return runId;
      },
      { timeout: 15_000 },
    )
    .not.toBe("");
  seen.add(runId);
  const text = await page.evaluate(
    async (body) =>
      (
        await fetch("/api/takeaway/weights", { method: "POST", body, headers: { "content-type": "application/json" } })
      ).text(),
    JSON.stringify({ token, runId }),
  );
  return JSON.parse(text) as WeightsFile;
}

/**
 * Reads the map canvas along the segment and beside it: the share of samples with the line's
 * near-black ink within 1 px, on the segment and 12 % of the plot off it on either side.
 */
async function inkAlong(map: Locator, segment: Segment): Promise<{ on: number; off: number }> {
  return map.evaluate(
    (element, { segment: [x0, y0, x1, y1], extent }) => {
      const canvas = element as HTMLCanvasElement;
      const context = canvas.getContext("2d");
      if (!context) return { on: 0, off: 1 };
      const size = canvas.width;
      const toPixel = (x: number, y: number) => [
        ((x + extent) / (2 * extent)) * size,
        size - ((y + extent) / (2 * extent)) * size,
      ];
      const [px0, py0] = toPixel(x0, y0) as [number, number];
      const [px1, py1] = toPixel(x1, y1) as [number, number];
      const length = Math.hypot(px1 - px0, py1 - py0);
      const [nx, ny] = [-(py1 - py0) / length, (px1 - px0) / length];
      const isInk = (x: number, y: number) => {
        const data = context.getImageData(Math.round(x) - 1, Math.round(y) - 1, 3, 3).data;
        for (let i = 0; i < data.length; i += 4) {
          if (Math.max(data[i] ?? 255, data[i + 1] ?? 255, data[i + 2] ?? 255) < 70) return true;
        }
        return false;
      };
      let on = 0;
      let off = 0;
      let offSamples = 0;
      const samples = 60;
      for (let k = 0; k < samples; k++) {
        const t = 0.05 + (0.9 * k) / (samples - 1);
        const x = px0 + t * (px1 - px0);
        const y = py0 + t * (py1 - py0);
        if (isInk(x, y)) on++;
        for (const side of [-1, 1]) {
          const ox = x + side * nx * 0.12 * size;
          const oy = y + side * ny * 0.12 * size;
          if (ox < 2 || oy < 2 || ox > size - 2 || oy > size - 2) continue;
          offSamples++;
          if (isInk(ox, oy)) off++;
        }
      }
      return { on: on / samples, off: offSamples === 0 ? 0 : off / offSamples };
    },
    { segment, extent: DATASET_EXTENT },
  );
}

const studentMap = (page: Page) => page.getByRole("img", { name: /^Decision map of your network/ });

async function trainToEnd(page: Page, steps = STEPS): Promise<void> {
  await page.getByRole("button", { name: "Train" }).click();
  const text = `${steps.toLocaleString("en")} / ${steps.toLocaleString("en")}`;
  await expect(page.getByTestId("step-counter")).toHaveText(text, { timeout: 60_000 });
}

async function joinAs(student: Page, code: string, nickname: string): Promise<string> {
  await student.goto(`/join/${code}`);
  await student.getByLabel("Nickname").fill(nickname);
  await student.getByRole("button", { name: "Join" }).click();
  await expect(student).toHaveURL(new RegExp(`/play/${code}$`), { timeout: 30_000 });
  return student.evaluate(
    (key) => (JSON.parse(localStorage.getItem(key) ?? "{}") as { token?: string }).token ?? "",
    `mlp-classroom:participant:${code}`,
  );
}

test("@phenomena a linear model's map shows its decision line where the stored weights put it; ReLU shows dead units", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const teacher = await (await browser.newContext()).newPage();
  const code = await launchLineClass(teacher, { "Hidden size": "0", Steps: String(STEPS) });

  const student = page;
  await student.goto(`/join/${code}`);
  await student.getByLabel("Nickname").fill("Rosalind");
  await student.getByRole("button", { name: "Join" }).click();
  await expect(student).toHaveURL(new RegExp(`/play/${code}$`), { timeout: 30_000 });
  const token = await student.evaluate(
    (key) => (JSON.parse(localStorage.getItem(key) ?? "{}") as { token?: string }).token ?? "",
    `mlp-classroom:participant:${code}`,
  );
  const seen = new Set<string>();
  await student.getByLabel("Speed").selectOption("max");

  // One neuron on XOR: its line over the map, in words, and why no line splits XOR.
  await expect(student.getByTestId("parameter-count")).toHaveText("2 + 1 = 3 parameters");
  await trainToEnd(student);
  const neuronWeights = await storedWeights(student, token, seen);
  const neuron = fromChapterWeights(neuronWeights, { activation: neuronWeights.activation });
  expect(neuron.hidden).toBe(0);
  const neuronLine = decisionLine(neuron, DATASET_EXTENT);
  expect(neuronLine?.segment).not.toBeNull();
  await expect(student.getByTestId("decision-line-words")).toHaveText(describeDecisionLine(neuronLine!));
  await expect(student.getByTestId("linear-line")).toContainText(linearLimitNote("xor"));
  const neuronInk = await inkAlong(studentMap(student), neuronLine!.segment!);
  console.log(
    `[phenomena] single neuron: ink on the line ${neuronInk.on.toFixed(2)}, beside it ${neuronInk.off.toFixed(2)}`,
  );
  expect(neuronInk.on).toBeGreaterThanOrEqual(0.75);
  expect(neuronInk.off).toBeLessThanOrEqual(0.1);
  await student.screenshot({ path: test.info().outputPath("single-neuron-line.png"), fullPage: true });
  // The teacher's 240 px tile draws the same line over its 32 × 32 map (read back from the map).
  // Tiles draw only when visible: scroll it into view, then its final map and line arrive.
  const tileMap = teacher.getByRole("img", { name: "Decision map of Rosalind, with its decision line" });
  await tileMap.scrollIntoViewIfNeeded({ timeout: 15_000 });
  await expect
    .poll(async () => (await inkAlong(tileMap, neuronLine!.segment!)).on, { timeout: 10_000 })
    .toBeGreaterThanOrEqual(0.75);
  const tileInk = await inkAlong(tileMap, neuronLine!.segment!);
  console.log(
    `[phenomena] teacher tile: ink on the line ${tileInk.on.toFixed(2)}, beside it ${tileInk.off.toFixed(2)}`,
  );
  expect(tileInk.off).toBeLessThanOrEqual(0.1);

  // Eight units without a non-linearity: one line again, and the advice names the collapse.
  await student.getByLabel("Hidden units").fill("8");
  await student.getByLabel("Activation").selectOption("linear");
  await trainToEnd(student);
  // The count is the run's: the chapter's 33 for hidden 8.
  await expect(student.getByTestId("parameter-count")).toHaveText("8×2 + 8 + 8 + 1 = 33 parameters");
  const collapsed = fromChapterWeights(await storedWeights(student, token, seen), { activation: "linear" });
  const collapsedLine = decisionLine(collapsed, DATASET_EXTENT);
  expect(collapsedLine?.segment).not.toBeNull();
  await expect(student.getByTestId("decision-line-words")).toHaveText(describeDecisionLine(collapsedLine!));
  const collapsedInk = await inkAlong(studentMap(student), collapsedLine!.segment!);
  expect(collapsedInk.on).toBeGreaterThanOrEqual(0.75);
  expect(collapsedInk.off).toBeLessThanOrEqual(0.1);
  await expect(student.getByRole("region", { name: "What to try next" })).toContainText(
    "your 8 hidden units collapse into one linear function, W2(W1x + b1) + b2 =",
  );
  await expect(student.getByTestId("dead-units")).toHaveCount(0);

  // ReLU: no single line, and the dead units counted as unitHealth counts them on the stored weights.
  await student.getByLabel("Activation").selectOption("relu");
  await trainToEnd(student);
  const relu = fromChapterWeights(await storedWeights(student, token, seen), { activation: "relu" });
  await expect(student.getByTestId("linear-line")).toHaveCount(0);
  // …and no line on the teacher's tile either: a ReLU net has no single decision line.
  await expect(teacher.getByRole("img", { name: "Decision map of Rosalind", exact: true })).toBeVisible({
    timeout: 15_000,
  });
  const { dead } = unitHealth(relu, XOR);
  await expect(student.getByTestId("dead-units")).toHaveText(
    `Dead units: ${dead} of 8 (a dead ReLU unit is 0 on every point and no longer learns)`,
  );
  await expect(student.getByTestId("parameter-count")).toHaveText("8×2 + 8 + 8 + 1 = 33 parameters");
});

test("@phenomena the init scale set on the teacher's form trains the XOR plateau in the student's browser", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const teacher = await (await browser.newContext()).newPage();
  const code = await launchLineClass(teacher, {
    "Learning rate": String(XOR_PLATEAU.lr),
    "Init scale": String(XOR_PLATEAU.initScale),
  });
  const token = await joinAs(page, code, "Kathleen");
  await expect(page.getByLabel("Init scale")).toHaveValue(String(XOR_PLATEAU.initScale));
  await page.getByLabel("Speed").selectOption("max");
  await trainToEnd(page, XOR_PLATEAU.steps);
  await expect(page.getByTestId("status")).toContainText("Reached the 95 % target");
  await page.screenshot({ path: test.info().outputPath("plateau-curve.png"), fullPage: true });

  // The stored run carries the scale, and its stored curve is the plateau: flat for the first
  // 5 % of the steps (within 10 % of the start), then below half of the start.
  let run: { config: Record<string, unknown> } | undefined;
  let chart: { steps: number[]; values: (number | null)[][] } | undefined;
  await expect
    .poll(
      async () => {
        const body = await page.evaluate(async (payload) => {
          const response = await fetch("/api/takeaway", {
            method: "POST",
            body: payload,
            headers: { "content-type": "application/json" },
          });
          return (await response.json()) as {
            takeaway?: {
              detail: { runs: { config: Record<string, unknown>; finishedAt: string | null }[]; chart: typeof chart };
            };
          };
        }, JSON.stringify({ token }));
        run = body.takeaway?.detail.runs.find((candidate) => candidate.finishedAt !== null);
        chart = body.takeaway?.detail.chart;
        return run !== undefined;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  expect(run?.config).toMatchObject({
    initScale: XOR_PLATEAU.initScale,
    lr: XOR_PLATEAU.lr,
    hidden: XOR_PLATEAU.hidden,
  });
  const steps = chart?.steps ?? [];
  const losses = chart?.values[0] ?? [];
  const start = losses[0] ?? Number.NaN;
  const early = steps.flatMap((step, i) =>
    step <= PLATEAU_FRACTION * XOR_PLATEAU.steps ? [losses[i] ?? Number.NaN] : [],
  );
  expect(early.length).toBeGreaterThan(3);
  for (const loss of early) expect(Math.abs(loss - start)).toBeLessThanOrEqual(PLATEAU_TOLERANCE * start);
  expect(losses.at(-1) ?? Number.NaN).toBeLessThan(PLATEAU_END_RATIO * start);
});
