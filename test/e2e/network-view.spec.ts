/**
 * The network view (issue 15 item 1): a student trains with hidden 3 and sees three unit maps
 * whose described lines match the weights (an oracle here intersects w·x + b = 0 with the plot's
 * edges, independently of lib/ml/nn's clipping); hovering or focusing a unit highlights its line
 * on the big map and shows its weights; the overlay toggle, a single neuron at hidden 0, the
 * discretize toggle, and a 375 px phone.
 */
import type { Browser, Page } from "@playwright/test";
import { expect, launchSession, readJoinCode, signUpTeacher, test } from "./fixtures";

/** The plot is [−2, 2]² (lib/ml/nn DATASET_EXTENT). */
const EXTENT = 2;
/** Described coordinates have one decimal: half a tenth either way, plus float slack. */
const DESCRIBED_TOLERANCE = 0.051;
const MAP_NAME = /^Decision map of your network/;

/** A new teacher's class in a context of its own, left on its projector view; returns the join code. */
async function launchClass(browser: Browser): Promise<string> {
  const teacher = await signUpTeacher(await (await browser.newContext()).newPage(), { emailLabel: "network" });
  const { dashboardUrl } = await launchSession(teacher, { title: "Inside the network" });
  await teacher.goto(`${dashboardUrl}/present`);
  return readJoinCode(teacher);
}

async function joinAs(page: Page, code: string, nickname: string): Promise<void> {
  await page.goto(`/join/${code}`);
  await page.getByLabel("Nickname").fill(nickname);
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page).toHaveURL(new RegExp(`/play/${code}$`));
}

/** Trains a run with `hidden` units for a while, then pauses so the weights hold still. */
async function trainAndPause(page: Page, hidden: number): Promise<void> {
  await page.getByLabel("Hidden units").fill(String(hidden));
  await page.getByLabel("Speed").selectOption("slow");
  await page.getByRole("button", { name: "Train" }).click();
  await expect(page.getByTestId("status")).toContainText("Training");
  await expect.poll(async () => stepCount(page)).toBeGreaterThan(60);
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByTestId("status")).toContainText("Paused at step");
}

async function stepCount(page: Page): Promise<number> {
  const text = (await page.getByTestId("step-counter").textContent()) ?? "";
  return Number(text.split("/")[0]?.replace(/[^0-9]/g, "") ?? Number.NaN);
}

type Pt = [number, number];

/** Where a·x + b·y + c = 0 crosses the border of [−E, E]²: distinct points, by brute edge intersection. */
function oracleEndpoints(a: number, b: number, c: number): Pt[] {
  const found: Pt[] = [];
  const add = (x: number, y: number) => {
    if (Math.abs(x) > EXTENT + 1e-9 || Math.abs(y) > EXTENT + 1e-9) return;
    if (found.some(([px, py]) => Math.hypot(px - x, py - y) < 1e-6)) return;
    found.push([x, y]);
  };
  for (const edge of [-EXTENT, EXTENT]) {
    if (b !== 0) add(edge, -(a * edge + c) / b); // x = edge
    if (a !== 0) add(-(b * edge + c) / a, edge); // y = edge
  }
  return found;
}

/** The two points in "… the line through (x0, y0) and (x1, y1) …", read back from the words. */
function describedEndpoints(description: string): Pt[] {
  const number = (text: string) => Number(text.replace("\u2212", "-"));
  return [...description.matchAll(/\(([−\d.]+), ([−\d.]+)\)/g)].map((m): Pt => [number(m[1]!), number(m[2]!)]);
}

function expectSameEndpoints(described: Pt[], expected: Pt[]): void {
  expect(described).toHaveLength(2);
  expect(expected).toHaveLength(2);
  const matches = (order: Pt[]) =>
    order.every(
      ([x, y], i) =>
        Math.abs(x - described[i]![0]) <= DESCRIBED_TOLERANCE && Math.abs(y - described[i]![1]) <= DESCRIBED_TOLERANCE,
    );
  expect(matches(expected) || matches([expected[1]!, expected[0]!]), `${described} vs ${expected}`).toBe(true);
}

/** The big map's pixel (CSS px inside the canvas → backing store) at a data point: [r, g, b]. */
async function mapPixelAt(page: Page, [x, y]: Pt): Promise<number[]> {
  return page.getByRole("img", { name: MAP_NAME }).evaluate(
    (element, { x, y, extent }) => {
      const canvas = element as HTMLCanvasElement;
      const px = Math.round(((x + extent) / (2 * extent)) * canvas.width);
      const py = Math.round(canvas.height - ((y + extent) / (2 * extent)) * canvas.height);
      const data = canvas.getContext("2d")?.getImageData(px, py, 1, 1).data ?? [];
      return [data[0] ?? 0, data[1] ?? 0, data[2] ?? 0];
    },
    { x, y, extent: EXTENT },
  );
}

/** app/_components/charts/map-palette's hard tints: warm and cool mixed 55 % into white. */
const HARD_TINTS = [
  [243, 163, 121],
  [135, 169, 244],
];

/** Share of a 20 × 20 grid of map pixels that are exactly one of the hard tints (±2 per channel). */
async function hardTintShare(page: Page): Promise<number> {
  const pixels = await page.getByRole("img", { name: MAP_NAME }).evaluate((element) => {
    const canvas = element as HTMLCanvasElement;
    const data = canvas.getContext("2d")?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
    const samples: number[][] = [];
    for (let i = 0; i < 20; i++) {
      for (let j = 0; j < 20; j++) {
        const offset =
          (Math.floor(((i + 0.5) / 20) * canvas.height) * canvas.width + Math.floor(((j + 0.5) / 20) * canvas.width)) *
          4;
        samples.push([data[offset] ?? 0, data[offset + 1] ?? 0, data[offset + 2] ?? 0]);
      }
    }
    return samples;
  });
  const isHard = (pixel: number[]) =>
    HARD_TINTS.some((tint) => tint.every((channel, k) => Math.abs(channel - (pixel[k] ?? 0)) <= 2));
  return pixels.filter(isHard).length / pixels.length;
}

const isDark = ([r, g, b]: number[]) => (r ?? 255) < 80 && (g ?? 255) < 80 && (b ?? 255) < 80;

test("@network hidden 3 shows three unit maps whose lines match their weights; hover and focus highlight a line", async ({
  browser,
}) => {
  const code = await launchClass(browser);
  const page = await (await browser.newContext()).newPage();
  await joinAs(page, code, "Ada");
  await trainAndPause(page, 3);

  const units = page.getByTestId("network-unit");
  await expect(units).toHaveCount(3);
  const crossing: Pt[][] = [];
  for (let i = 0; i < 3; i++) {
    const unit = units.nth(i);
    const [wx, wy, bias] = ((await unit.getAttribute("data-weights")) ?? "").split(" ").map(Number);
    const description = (await unit.getAttribute("aria-label")) ?? "";
    expect(description).toMatch(new RegExp(`^unit ${i + 1}: active `));
    const expected = oracleEndpoints(wx!, wy!, bias!);
    if (expected.length < 2) {
      expect(description).toMatch(/(everywhere|nowhere) on the plot/);
      crossing.push([]);
      continue;
    }
    expectSameEndpoints(describedEndpoints(description), expected);
    crossing.push(expected);
  }

  // Hover a unit whose line crosses the plot: its weights show, and its line is drawn on the big map.
  const shown = crossing.findIndex((points) => points.length === 2);
  expect(shown).toBeGreaterThanOrEqual(0);
  const [p0, p1] = crossing[shown] as [Pt, Pt];
  // A point a third of the way along the line, away from the data points' centres.
  const onLine: Pt = [p0[0] + (p1[0] - p0[0]) / 3, p0[1] + (p1[1] - p0[1]) / 3];
  await page.mouse.move(0, 0);
  const before = await mapPixelAt(page, onLine);
  await units.nth(shown).hover();
  await expect(units.nth(shown)).toHaveAttribute("data-highlighted", "true");
  await expect(page.getByTestId("unit-readout")).toContainText(`Unit ${shown + 1}: w = (`);
  await expect.poll(() => mapPixelAt(page, onLine).then(isDark)).toBe(true);
  expect(isDark(before)).toBe(false);

  // Keyboard: focusing a unit does the same; leaving it clears the highlight.
  await page.mouse.move(0, 0);
  await units.nth(0).focus();
  await expect(page.getByTestId("unit-readout")).toContainText("Unit 1: w = (");
  await page.keyboard.press("Tab");
  await expect(units.nth(1)).toBeFocused();
  await expect(page.getByTestId("unit-readout")).toContainText("Unit 2: w = (");

  // The overlay toggle draws every crossing unit's line on the map, with nothing hovered.
  await page.getByRole("button", { name: /^unit 1:/ }).blur();
  await page.getByLabel("Show every unit's line on the map").check();
  for (const points of crossing) {
    if (points.length !== 2) continue;
    const [a, b] = points as [Pt, Pt];
    await expect.poll(() => mapPixelAt(page, [a[0] + (b[0] - a[0]) / 3, a[1] + (b[1] - a[1]) / 3])).not.toEqual(before);
  }

  // Discretize: the regions take two flat tints (the palette's hard warm and cool), not shades of doubt.
  await page.getByLabel("Show every unit's line on the map").uncheck();
  const softShare = await hardTintShare(page);
  await page.getByLabel("Discretize (hard regions)").check();
  await expect(page.getByText("class 0 · hard regions")).toBeVisible();
  await expect.poll(() => hardTintShare(page)).toBeGreaterThan(0.8);
  expect(softShare).toBeLessThan(0.3);

  // Hidden 0: the single neuron, with its one line, described as the decision line.
  await page.getByLabel("Hidden units").fill("0");
  await page.getByRole("button", { name: "Train" }).click();
  await expect(page.getByTestId("status")).toContainText("Training");
  await expect(units).toHaveCount(1);
  await expect(units.first()).toHaveAttribute("aria-label", /^single neuron, decision line: class 1 /);
});

test("@network the network view folds below the map on a 375 px phone and nothing scrolls sideways", async ({
  browser,
}) => {
  const code = await launchClass(browser);
  const phone = await (await browser.newContext({ viewport: { width: 375, height: 740 }, hasTouch: true })).newPage();
  await joinAs(phone, code, "Pocket");
  await phone.getByLabel("Hidden units").fill("8");
  await phone.getByRole("button", { name: "Train" }).click();
  await expect(phone.getByTestId("network-unit")).toHaveCount(8);
  const map = await phone.getByRole("img", { name: MAP_NAME }).boundingBox();
  const diagram = await phone.getByTestId("network-view").boundingBox();
  expect(diagram!.y).toBeGreaterThan(map!.y + map!.height - 1);
  expect(diagram!.x + diagram!.width).toBeLessThanOrEqual(375);
  const widths = await phone.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  // A tap shows the unit's weights.
  // A tap pins a unit (phones have no hover): its weights stay shown until it is tapped again.
  const last = phone.getByTestId("network-unit").nth(7);
  await last.tap();
  await expect(last).toHaveAttribute("aria-pressed", "true");
  await expect(phone.getByTestId("unit-readout")).toContainText("Unit 8: w = (");
  await last.tap();
  await expect(last).toHaveAttribute("aria-pressed", "false");
});
