/**
 * A challenge in Chromium: the teacher sets it from the dashboard's form, simulated students
 * (lib/training's loop over real sockets) and one student training in this browser's Worker
 * finish runs, and the leaderboard fills from verified runs only — a run over the size limit and
 * one over the step limit are listed as not ranked, with why. The projector shows the podium,
 * with names hidden once the class is anonymized. The browser's run is verified by the server's
 * Node replay: Chromium's weights agree with Node's within the replay tolerance.
 */
import { type Bot, createBot } from "@/server/simulator/bot";
import type { BotEvent } from "@/server/simulator/bot-events";
import { expect, launchSession, signUpTeacher, test } from "./fixtures";

/** Runs of 500–1,500 steps at max speed, then the server's replays, on a busy 2-core machine. */
const BOARD_TIMEOUT_MS = 90_000;
/** Bots look at their result for this long before training again: one run each is enough here. */
const NO_RESTART_MS = 600_000;

test("a challenge's leaderboard fills from verified runs only, and the projector shows the podium", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const teacher = page;
  await signUpTeacher(teacher, { emailLabel: "challenge" });
  const { dashboardUrl, code } = await launchSession(teacher, { title: "Period 3: smallest network wins" });
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);

  // The form: every field labelled; the class's data is the default.
  const panel = teacher.getByTestId("challenge-panel");
  await panel.getByText("Set a challenge: the smallest verified network wins").click();
  const form = panel.getByRole("form", { name: "Set a challenge" });
  await expect(form.getByLabel("Challenge data set")).toHaveValue("xor");
  await form.getByLabel("Accuracy at least (%)").fill("90");
  await form.getByLabel("Hidden units at most").fill("4");
  await form.getByLabel("Steps at most (optional)").fill("1000");
  await expect(form.getByRole("checkbox", { name: "adam" })).toBeChecked();
  await form.getByRole("button", { name: "Set challenge" }).click();
  await expect(panel.getByTestId("challenge-rules")).toHaveText("xor: accuracy ≥ 90 %, hidden ≤ 4, steps ≤ 1,000");

  const projector = await teacher.context().newPage();
  await projector.goto(`${dashboardUrl}/present`);
  await expect(projector.getByTestId("podium")).toContainText("No verified run yet");

  const finished = new Set<string>();
  const student = (nickname: string, choice: { hidden: number; steps: number }) =>
    createBot({
      url: baseURL ?? "",
      code,
      nickname,
      speed: "max",
      choice,
      restartPauseMs: NO_RESTART_MS,
      onEvent: (event: BotEvent) => {
        if (event.type === "runFinished") finished.add(nickname);
      },
    });
  const bots: Bot[] = [
    student("Grace", { hidden: 2, steps: 500 }),
    student("Linus", { hidden: 4, steps: 500 }),
    // Honest, but over the limits: never on the board.
    student("Hedy", { hidden: 8, steps: 500 }),
    student("Edsger", { hidden: 2, steps: 1500 }),
  ];
  try {
    await Promise.all(bots.map((bot) => bot.start()));

    // A student in this browser: trained in Chromium's Worker, replayed by the server in Node.
    const ada = await (await browser.newContext()).newPage();
    await ada.goto(`/join/${code}`);
    await ada.getByLabel("Nickname").fill("Ada");
    await ada.getByRole("button", { name: "Join" }).click();
    await expect(ada.getByTestId("nickname")).toHaveText("Ada");
    await ada.getByLabel("Hidden units").fill("4");
    await ada.getByLabel("Steps").fill("800");
    await ada.getByLabel("Speed").selectOption("max");
    await ada.getByRole("button", { name: "Train" }).click();
    await expect(ada.getByTestId("step-counter")).toHaveText("800 / 800", { timeout: BOARD_TIMEOUT_MS });

    const board = panel.getByTestId("leaderboard");
    await expect(board.locator("tbody tr")).toHaveCount(3, { timeout: BOARD_TIMEOUT_MS });
    await expect(panel.getByTestId("challenge-unranked")).toContainText("Hedy", { timeout: BOARD_TIMEOUT_MS });
    await expect(panel.getByTestId("challenge-unranked")).toContainText("Edsger", { timeout: BOARD_TIMEOUT_MS });
    const rows = await board.locator("tbody tr").allInnerTexts();
    expect(rows.map((row) => row.split("\t").slice(0, 4).join(" | "))).toEqual([
      "1 | Grace | hidden 2 · 9 parameters | 500",
      "2 | Linus | hidden 4 · 17 parameters | 500",
      "3 | Ada | hidden 4 · 17 parameters | 800",
    ]);
    const unranked = panel.getByTestId("challenge-unranked");
    await expect(unranked.getByRole("listitem").filter({ hasText: "Hedy" })).toContainText(
      "Not eligible: more hidden units than allowed",
    );
    await expect(unranked.getByRole("listitem").filter({ hasText: "Edsger" })).toContainText(
      "Not eligible: more steps than allowed",
    );
    await expect(panel.getByTestId("challenge-progress")).toContainText("3 verified · 5 runs checked");
    expect([...finished].sort()).toEqual(["Edsger", "Grace", "Hedy", "Linus"]);

    // The projector's podium: second, first, third, with the place written on each step.
    const podium = projector.getByTestId("podium");
    await expect(podium).toContainText("xor: accuracy ≥ 90 %, hidden ≤ 4, steps ≤ 1,000");
    await expect(projector.getByTestId("podium-1")).toContainText("Grace");
    await expect(projector.getByTestId("podium-1")).toContainText("1st");
    await expect(projector.getByTestId("podium-2")).toContainText("Linus");
    await expect(projector.getByTestId("podium-3")).toContainText("Ada");
    await expect(podium).not.toContainText("Hedy");
    // It fits the projector: nothing scrolls at 1280 × 720, the podium is whole on screen.
    await projector.setViewportSize({ width: 1280, height: 720 });
    await expect.poll(() => projector.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(720);
    const box = await podium.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= 720 && box.x >= 0 && box.x + box.width <= 1280).toBe(true);
    await expect(projector.getByTestId("join-line")).toBeVisible();
    await projector.screenshot({ path: "test-results/challenge-podium.png" });

    // Anonymized: the podium and the board name no one.
    await teacher.getByRole("button", { name: "Anonymize names" }).click();
    await expect(projector.getByTestId("podium-1")).toContainText(/Student \d+/);
    await expect(podium).not.toContainText("Grace");
    await expect(podium).not.toContainText("Linus");
    await expect(board).not.toContainText("Grace");
  } finally {
    for (const bot of bots) bot.stop();
  }
});
