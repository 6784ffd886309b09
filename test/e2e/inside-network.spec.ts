/**
 * Issue 15, items 2 and 4 in Chromium: a student trains hidden 3, the teacher spotlights them and
 * the projector shows the same unit view live (its described lines match the weights it was drawn
 * from, and redraw as the weights change); a student adds four points while training and the map
 * changes around them; the teacher forbids it and clicks no longer add points.
 */
import type { Browser, Page } from "@playwright/test";
import { expect, launchSession, readJoinCode, signUpTeacher, test } from "./fixtures";

/** The plot is [−2, 2]² (lib/ml/nn DATASET_EXTENT). */
const EXTENT = 2;
/** Described coordinates have one decimal: half a tenth either way, plus float slack. */
const DESCRIBED_TOLERANCE = 0.051;

type Pt = [number, number];

/** Signs up a teacher, launches a class; returns the dashboard page and the join code. */
async function launchClass(browser: Browser): Promise<{ dashboard: Page; code: string; path: string }> {
  const dashboard = await signUpTeacher(await (await browser.newContext()).newPage(), { emailLabel: "inside" });
  const { dashboardUrl: path } = await launchSession(dashboard, { title: "Inside the network" });
  const projector = await dashboard.context().newPage();
  await projector.goto(`${path}/present`);
  const code = await readJoinCode(projector);
  await projector.close();
  return { dashboard, code, path };
}

async function joinAs(page: Page, code: string, nickname: string): Promise<void> {
  await page.goto(`/join/${code}`);
  await page.getByLabel("Nickname").fill(nickname);
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page).toHaveURL(new RegExp(`/play/${code}$`));
}

/** Where a·x + b·y + c = 0 crosses the border of [−E, E]²: distinct points, by brute edge intersection. */
function oracleEndpoints(a: number, b: number, c: number): Pt[] {
  const found: Pt[] = [];
  const add = (x: number, y: number) => {
    if (Math.abs(x) > EXTENT + 1e-9 || Math.abs(y) > EXTENT + 1e-9) return;
    if (found.some(([px, py]) => Math.hypot(px - x, py - y) < 1e-6)) return;
    found.push([x, y]);
  };
  for (const edge of [-EXTENT, EXTENT]) {
    if (b !== 0) add(edge, -(a * edge + c) / b);
    if (a !== 0) add(-(b * edge + c) / a, edge);
  }
  return found;
}

function describedEndpoints(description: string): Pt[] {
  const number = (text: string) => Number(text.replace("\u2212", "-"));
  return [...description.matchAll(/\(([−\d.]+), ([−\d.]+)\)/g)].map((m): Pt => [number(m[1]!), number(m[2]!)]);
}

function isSameLine(described: Pt[], expected: Pt[]): boolean {
  if (described.length !== 2 || expected.length !== 2) return false;
  const matches = (order: Pt[]) =>
    order.every(
      ([x, y], i) =>
        Math.abs(x - described[i]![0]) <= DESCRIBED_TOLERANCE && Math.abs(y - described[i]![1]) <= DESCRIBED_TOLERANCE,
    );
  return matches(expected) || matches([expected[1]!, expected[0]!]);
}

/** Each unit's weights ("wx wy b") and words, as the page drew them. */
async function unitsOf(scope: ReturnType<Page["getByTestId"]>): Promise<Array<{ weights: string; words: string }>> {
  return scope.getByTestId("network-unit").evaluateAll((buttons) =>
    buttons.map((button) => ({
      weights: button.getAttribute("data-weights") ?? "",
      words: button.getAttribute("aria-label") ?? "",
    })),
  );
}

/** Every unit's described line matches the line of the weights it was drawn from (or says it misses the plot). */
function expectLinesMatchWeights(units: Array<{ weights: string; words: string }>): void {
  for (const [i, unit] of units.entries()) {
    const [wx, wy, bias] = unit.weights.split(" ").map(Number);
    expect(unit.words).toMatch(new RegExp(`^unit ${i + 1}: active `));
    const expected = oracleEndpoints(wx!, wy!, bias!);
    if (expected.length < 2) expect(unit.words).toMatch(/(everywhere|nowhere) on the plot/);
    else expect(isSameLine(describedEndpoints(unit.words), expected), `${unit.words} vs ${expected}`).toBe(true);
  }
}

async function stepCount(page: Page): Promise<number> {
  const text = (await page.getByTestId("step-counter").textContent()) ?? "";
  return Number(text.split("/")[0]?.replace(/[^0-9]/g, "") ?? Number.NaN);
}

test("@inside the spotlit student's network on the projector, live, lines from the weights", async ({ browser }) => {
  const { dashboard, code, path } = await launchClass(browser);
  const student = await (await browser.newContext()).newPage();
  await joinAs(student, code, "Grace");
  await student.getByLabel("Hidden units").fill("3");
  await student.getByLabel("Steps").fill("20000");
  await student.getByLabel("Speed").selectOption("slow");
  await student.getByRole("button", { name: "Train" }).click();
  await expect(student.getByTestId("status")).toContainText("Training");

  await dashboard.getByRole("button", { name: "Spotlight Grace" }).click();
  const projector = await dashboard.context().newPage();
  await projector.goto(`${path}/present`);
  const spotlight = projector.getByTestId("present-spotlight");
  await expect(spotlight.getByTestId("network-unit")).toHaveCount(3);
  const first = await unitsOf(spotlight);
  expectLinesMatchWeights(first);

  // Live: while Grace trains, the projector redraws from newer weights, and its lines still match them.
  await expect
    .poll(async () => (await unitsOf(spotlight)).map((unit) => unit.weights).join("|"))
    .not.toBe(first.map((unit) => unit.weights).join("|"));
  expectLinesMatchWeights(await unitsOf(spotlight));
  // The dashboard's spotlight draws the same network.
  await expect(dashboard.getByTestId("spotlight").getByTestId("network-unit")).toHaveCount(3);

  // Paused, the projector settles on exactly the student's own weights.
  await expect.poll(() => stepCount(student)).toBeGreaterThan(60);
  await student.getByRole("button", { name: "Pause" }).click();
  await expect(student.getByTestId("status")).toContainText("Paused at step");
  const own = (await unitsOf(student.getByTestId("play-root"))).map((unit) => unit.weights);
  await expect.poll(async () => (await unitsOf(spotlight)).map((unit) => unit.weights)).toEqual(own);
  expectLinesMatchWeights(await unitsOf(spotlight));
});

/** (b − r) of the student's map at CSS pixel (px, py): positive = cool (class 0), negative = warm (class 1). */
async function coolnessAt(page: Page, px: number, py: number): Promise<number> {
  return page.getByRole("img", { name: /^Decision map of your network/ }).evaluate(
    (element, { px, py }) => {
      const canvas = element as HTMLCanvasElement;
      const scale = canvas.width / canvas.getBoundingClientRect().width;
      const data = canvas.getContext("2d")?.getImageData(Math.round(px * scale), Math.round(py * scale), 1, 1).data;
      return (data?.[2] ?? 0) - (data?.[0] ?? 0);
    },
    { px, py },
  );
}

/** The warmest of a coarse grid of CSS pixels on the map, away from the edges. */
async function warmestSpot(page: Page, size: number): Promise<[number, number]> {
  let best: [number, number] = [size / 2, size / 2];
  let bestCoolness = Number.POSITIVE_INFINITY;
  for (let i = 2; i <= 8; i++) {
    for (let j = 2; j <= 8; j++) {
      const at: [number, number] = [(i / 10) * size, (j / 10) * size];
      const coolness = await coolnessAt(page, at[0], at[1]);
      if (coolness < bestCoolness) {
        bestCoolness = coolness;
        best = at;
      }
    }
  }
  return best;
}

test("@inside a student adds four points while training and the map turns around them; forbidden, clicks add none", async ({
  browser,
}) => {
  const { dashboard, code } = await launchClass(browser);
  const student = await (await browser.newContext()).newPage();
  await joinAs(student, code, "Ada");
  await student.getByLabel("Steps").fill("20000");
  await student.getByRole("button", { name: "Train" }).click();
  await expect(student.getByTestId("status")).toContainText("Training");
  await expect.poll(() => stepCount(student), { timeout: 20_000 }).toBeGreaterThan(1500);

  const editor = student.getByTestId("point-editor");
  await expect(editor).toHaveAttribute("data-enabled", "true");
  const box = await editor.boundingBox();
  const size = box!.width;
  const [px, py] = await warmestSpot(student, size);
  const before = await coolnessAt(student, px, py);
  expect(before).toBeLessThan(0);
  // Four class-0 points (Shift+click) in the middle of a class-1 region, while training goes on.
  for (const [dx, dy] of [
    [0, 0],
    [4, 0],
    [0, 4],
    [4, 4],
  ] as const) {
    await editor.click({ position: { x: px + dx, y: py + dy }, modifiers: ["Shift"] });
  }
  await expect(student.getByTestId("edited-data")).toHaveText("✎ edited data (4 edits)");
  await expect(student.getByTestId("status")).toContainText("Training");
  // The net learns them: the map around the new points turns towards class 0.
  await expect
    .poll(() => coolnessAt(student, px + 2, py + 2), { timeout: 30_000, intervals: [500] })
    .toBeGreaterThan(before + 60);
  // The teacher sees the tile labelled.
  await expect(dashboard.getByTestId("edited-badge")).toBeVisible();

  // The teacher forbids it: the page says so, and a click adds nothing.
  await dashboard.getByRole("button", { name: "Students may add points" }).click();
  await expect(dashboard.getByRole("button", { name: "Students may add points" })).toHaveAttribute(
    "aria-pressed",
    "false",
  );
  await expect(student.getByText("Your teacher has turned off adding points.")).toBeVisible();
  await expect(editor).toHaveAttribute("data-enabled", "false");
  await editor.click({ position: { x: size / 3, y: size / 3 } });
  await editor.click({ position: { x: size / 3, y: size / 3 }, modifiers: ["Shift"] });
  await student.waitForTimeout(500);
  await expect(student.getByTestId("edited-data")).toHaveText("✎ edited data (4 edits)");
});
