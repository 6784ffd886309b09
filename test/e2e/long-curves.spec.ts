/**
 * A 20,000-step run at Max, as the teacher sees it in Chromium: the tile's sparkline, the overlay,
 * the spotlight and the projector all draw the sharp drop of the first few hundred steps. Read
 * from the pixels each canvas drew: where the curve's line is at 5 % of its width (step ~1,000).
 * The old live thinning halved the whole curve each time it passed 1,000 points: these charts drew
 * a straight diagonal from step 0 to step ~5,800, a third of the way down at 5 %.
 */
import type { Locator } from "@playwright/test";
import { type Bot, createBot } from "@/server/simulator/bot";
import type { BotEvent } from "@/server/simulator/bot-events";
import { expect, launchSession, signUpTeacher, test } from "./fixtures";

const RUN_STEPS = 20_000;
/** Every chart here draws the curve in the dashboard's ink, #0f172a. */
const INK = [15, 23, 42] as const;
/** The bot must not start a second run (that would clear the curve) while the test looks. */
const NO_RESTART_MS = 10 * 60 * 1000;

/** How far down its own extent the curve's line is at each fraction of its width (0 = highest loss, 1 = lowest). */
async function depthsAt(chart: Locator, fractions: readonly number[]): Promise<(number | null)[]> {
  const canvas =
    (await chart.evaluate((element) => element.tagName)) === "CANVAS" ? chart : chart.locator("canvas").first();
  return canvas.evaluate(
    (element, { ink, fractions }) => {
      const canvas = element as HTMLCanvasElement;
      const context = canvas.getContext("2d");
      if (!context) return fractions.map(() => null);
      const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
      const columns = new Map<number, number[]>();
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4;
          const isInk =
            (data[i + 3] ?? 0) > 200 &&
            Math.abs((data[i] ?? 0) - ink[0]) <= 8 &&
            Math.abs((data[i + 1] ?? 0) - ink[1]) <= 8 &&
            Math.abs((data[i + 2] ?? 0) - ink[2]) <= 8;
          if (!isInk) continue;
          const ys = columns.get(x) ?? [];
          ys.push(y);
          columns.set(x, ys);
        }
      }
      const xs = [...columns.keys()];
      if (xs.length === 0) return fractions.map(() => null);
      const all = [...columns.values()].flat();
      const [left, right] = [Math.min(...xs), Math.max(...xs)];
      const [top, bottom] = [Math.min(...all), Math.max(...all)];
      return fractions.map((fraction) => {
        const x = Math.round(left + fraction * (right - left));
        const ys = columns.get(x) ?? columns.get(x + 1) ?? columns.get(x - 1);
        if (!ys || bottom === top) return null;
        return (ys.reduce((sum, y) => sum + y, 0) / ys.length - top) / (bottom - top);
      });
    },
    { ink: INK, fractions },
  );
}

/** The curve starts high and has dropped to near its lowest by 5 % of the run (step ~1,000). */
async function expectEarlyDrop(chart: Locator, what: string): Promise<void> {
  await expect
    .poll(async () => (await depthsAt(chart, [0.05, 0.1]))[0] ?? -1, { message: `${what}: depth at step ~1,000` })
    .toBeGreaterThan(0.8);
  const [atStart, atTenth] = await depthsAt(chart, [0, 0.1]);
  expect(atStart, `${what}: starts at the top`).toBeLessThan(0.5);
  expect(atTenth, `${what}: stays low at step ~2,000`).toBeGreaterThan(0.8);
}

test("a 20,000-step run's tile, overlay, spotlight and projector curves keep the early drop", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const teacher = page;
  await signUpTeacher(teacher, { emailLabel: "curves" });
  const { dashboardUrl, code } = await launchSession(teacher, {
    title: "Long curves",
    fill: async (form) => {
      await form.getByLabel("Steps", { exact: true }).first().fill(String(RUN_STEPS));
    },
  });

  let startedSteps = 0;
  let finishedSteps = 0;
  const bot: Bot = createBot({
    url: baseURL ?? "",
    code,
    nickname: "Grace",
    speed: "max",
    restartPauseMs: NO_RESTART_MS,
    onEvent: (event: BotEvent) => {
      if (event.type === "runStarted") startedSteps = event.steps;
      if (event.type === "runFinished") finishedSteps = event.step;
    },
  });
  try {
    await bot.start();
    await expect(teacher.getByTestId("student-tile")).toHaveCount(1);
    await expect.poll(() => finishedSteps, { timeout: 90_000 }).toBe(RUN_STEPS);
    expect(startedSteps).toBe(RUN_STEPS);
    await expect(teacher.getByTestId("student-tile")).toContainText("20,000");

    await expectEarlyDrop(
      teacher.getByTestId("student-tile").getByRole("img", { name: "Loss curve of Grace" }),
      "tile",
    );
    await expectEarlyDrop(teacher.getByRole("img", { name: /^Loss curves of 1 student/ }), "overlay");

    const projector = await teacher.context().newPage();
    await projector.setViewportSize({ width: 1280, height: 720 });
    await projector.goto(`${dashboardUrl}/present`);
    await teacher.getByRole("button", { name: "Spotlight Grace" }).click();
    await expectEarlyDrop(
      teacher.getByTestId("spotlight").getByRole("img", { name: "Loss curve of Grace" }),
      "spotlight",
    );
    await expectEarlyDrop(
      projector.getByTestId("spotlight").getByRole("img", { name: "Loss curve of Grace" }),
      "projector",
    );
    await projector.screenshot({ path: "test-results/long-curve-projector.png" });
  } finally {
    bot.stop();
  }
});
