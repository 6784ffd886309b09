/**
 * A group experiment in Chromium with simulated students: the teacher splits six bots into three
 * groups by learning rate (0.01 / 0.1 / 1) from the dashboard's form; every tile shows its group,
 * the overlay draws three group medians with a legend in words, the projector compares the three
 * groups, a student joining later in a phone-sized browser is told their group (the smallest),
 * and after the end the review's table compares the three groups.
 */
import type { Page } from "@playwright/test";
import { type Bot, createBot } from "@/server/simulator/bot";
import type { BotEvent } from "@/server/simulator/bot-events";
import { expect, launchSession, signUpTeacher, test } from "./fixtures";

const BOTS = ["Ann", "Ben", "Cat", "Dov", "Eli", "Fay"];
/** Each group's median has a value once its bots have reported points (a busy machine is slow). */
const MEDIAN_TIMEOUT_MS = 60_000;

async function medianTexts(page: Page): Promise<string[]> {
  return page.getByTestId("group-median-loss").allTextContents();
}

test("three groups: three medians on the overlay and the projector, the group on each tile and student page", async ({
  page: teacher,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  // Tall enough for the form, the overlay and every tile at once: off-screen tiles do not listen.
  await teacher.setViewportSize({ width: 1280, height: 2600 });
  await signUpTeacher(teacher, { emailLabel: "groups" });
  const { dashboardUrl, code } = await launchSession(teacher, { title: "Period 2: learning rates" });
  const projector = await teacher.context().newPage();
  await projector.setViewportSize({ width: 1280, height: 720 });
  await projector.goto(`${dashboardUrl}/present`);
  await expect(projector.getByTestId("join-code")).toContainText(code);

  /** Runs each bot finished since the groups were pushed. */
  const finished = new Map<string, number>();
  let isPushed = false;
  const bots: Bot[] = BOTS.map((nickname) =>
    createBot({
      url: baseURL ?? "",
      code,
      nickname,
      speed: "fast",
      restartPauseMs: 600_000,
      onEvent: (event: BotEvent) => {
        if (event.type === "runFinished" && isPushed) finished.set(nickname, (finished.get(nickname) ?? 0) + 1);
      },
    }),
  );
  try {
    for (const bot of bots) await bot.start();
    await expect(teacher.getByTestId("student-tile")).toHaveCount(BOTS.length);

    // The form: learning rate, three groups with the suggested 0.01 / 0.1 / 1, evenly.
    await teacher.getByText("Group experiment", { exact: true }).click();
    await teacher.getByLabel("Setting to vary").selectOption("lr");
    await teacher.getByLabel("Groups", { exact: true }).selectOption("3");
    await expect(teacher.getByLabel("Group A learning rate")).toHaveValue("0.01");
    await expect(teacher.getByLabel("Group B learning rate")).toHaveValue("0.1");
    await expect(teacher.getByLabel("Group C learning rate")).toHaveValue("1");
    await expect(teacher.getByLabel("Evenly, by join order")).toBeChecked();
    teacher.on("dialog", (dialog) => void dialog.accept());
    isPushed = true;
    await teacher.getByRole("button", { name: "Push groups" }).click();
    await expect(teacher.getByTestId("group-experiment-running")).toContainText(
      "Group A: lr 0.01 · Group B: lr 0.1 · Group C: lr 1",
    );

    // Every tile shows its group: two students in each, in join order.
    await expect(teacher.getByTestId("group-badge")).toHaveCount(BOTS.length);
    for (const letter of ["A", "B", "C"])
      await expect(teacher.getByTestId("group-badge").filter({ hasText: `Group ${letter}` })).toHaveCount(2);

    // The overlay: three group medians, named in words, each with a value once its bots train.
    const overlay = teacher.getByRole("region", { name: "Loss curves" });
    await expect(overlay.getByTestId("group-median")).toHaveCount(3);
    await expect(overlay.getByTestId("group-median").nth(0)).toContainText("Group A: lr 0.01 (solid line)");
    await expect(overlay.getByTestId("group-median").nth(1)).toContainText("Group B: lr 0.1 (dashed line)");
    await expect(overlay.getByTestId("group-median").nth(2)).toContainText("Group C: lr 1 (dotted line)");
    await expect(overlay.getByRole("img", { name: /with 3 group medians: Group A: lr 0\.01, Group B/ })).toBeVisible();
    await expect
      .poll(async () => (await medianTexts(teacher)).filter((text) => /^\d/.test(text)).length, {
        timeout: MEDIAN_TIMEOUT_MS,
      })
      .toBe(3);

    // The projector: the group comparison, three medians with their values.
    const compared = projector.getByTestId("present-groups");
    await expect(compared).toBeVisible();
    await expect(compared.getByRole("heading", { name: "Groups compared: learning rate" })).toBeVisible();
    await expect(compared.getByTestId("group-median")).toHaveCount(3);
    await expect
      .poll(async () => (await medianTexts(projector)).filter((text) => /^\d/.test(text)).length, {
        timeout: MEDIAN_TIMEOUT_MS,
      })
      .toBe(3);
    // It fits the projector: the join line above it, nothing scrolls, nothing is cut off.
    await expect(projector.getByTestId("join-line")).toBeVisible();
    for (const size of [
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
    ]) {
      await projector.setViewportSize(size);
      await expect.poll(() => projector.evaluate(() => window.innerHeight)).toBe(size.height);
      await expect
        .poll(() => projector.evaluate(() => document.documentElement.scrollHeight))
        .toBeLessThanOrEqual(size.height);
      const box = await compared.boundingBox();
      expect(box && box.y + box.height, `the comparison's bottom at ${size.width}×${size.height}`).toBeLessThanOrEqual(
        size.height,
      );
      await projector.screenshot({ path: `test-results/projector-groups-${size.width}x${size.height}.png` });
    }

    // A student joining now, on a phone: the smallest group (all equal: A), and why.
    const phone = await (await browser.newContext({ viewport: { width: 375, height: 800 } })).newPage();
    await phone.goto(`/join/${code}`);
    await phone.getByLabel("Nickname").fill("Gus");
    await phone.getByRole("button", { name: "Join" }).click();
    await expect(phone).toHaveURL(new RegExp(`/play/${code}$`));
    await expect(phone.getByTestId("group-note")).toContainText("You are in Group A: lr 0.01");
    await expect(phone.getByTestId("group-note")).toContainText("differ only in the learning rate");
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await expect(teacher.getByTestId("group-badge").filter({ hasText: "Group A" })).toHaveCount(3);

    // Let each group finish a run, then end: the review compares the three groups.
    await expect
      .poll(() => BOTS.filter((nickname) => (finished.get(nickname) ?? 0) >= 1).length, {
        timeout: MEDIAN_TIMEOUT_MS,
      })
      .toBe(BOTS.length);
  } finally {
    for (const bot of bots) bot.stop();
  }
  await teacher.getByRole("button", { name: "End session" }).click();
  await expect(teacher.getByText("Session ended", { exact: true })).toBeVisible();
  await teacher.goto(`${dashboardUrl}/review`);
  const table = teacher.getByTestId("group-comparison");
  await expect(table.getByTestId("group-row")).toHaveCount(3);
  await expect(table.getByTestId("group-row").nth(0)).toContainText("Group A: lr 0.01");
  await expect(table.getByTestId("group-row").nth(2)).toContainText("Group C: lr 1");
  await expect(teacher.getByTestId("scatter-group")).toHaveCount(3);
  // Every group's bots finished a run: each row has a median final loss.
  for (const cell of await table.getByTestId("group-median-loss").allTextContents()) expect(cell).toMatch(/^\d/);
});
