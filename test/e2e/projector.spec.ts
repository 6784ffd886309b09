/**
 * The projector in Chromium at 1280 × 720 and 1920 × 1080: the join view, a spotlit student and,
 * after "End session", the class summary each fit the window — nothing scrolls, nothing is cut
 * off — with screenshots saved under test-results/. The dashboard stops saying "Live" and
 * "Training allowed" once the class has ended.
 */
import { type Bot, createBot } from "@/server/simulator/bot";
import type { BotEvent } from "@/server/simulator/bot-events";
import { expect, launchSession, signUpTeacher, test } from "./fixtures";
import { expectProjectorFits } from "./projector-fit";

/** Enough for a 2,000-step run at the student page's default pace on a busy machine. */
const TRAINING_TIMEOUT_MS = 45_000;

test("every projector view fits 1280 × 720 and 1920 × 1080; after the end it shows a summary", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const teacher = page;
  await signUpTeacher(teacher, { emailLabel: "projector" });
  const { dashboardUrl, code } = await launchSession(teacher, { title: "Period 6: stacking layers" });
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);

  const projector = await teacher.context().newPage();
  await projector.goto(`${dashboardUrl}/present`);
  await expect(projector.getByTestId("join-code")).toContainText(code);
  await expect(projector.getByRole("img", { name: /^QR code for http/ })).toBeVisible();
  await expectProjectorFits(projector, "projector-join", ["join-code", "join-qr", "student-count"]);

  const finished = new Map<string, number>();
  const bots: Bot[] = ["Grace", "Linus"].map((nickname) =>
    createBot({
      url: baseURL ?? "",
      code,
      nickname,
      speed: "default",
      onEvent: (event: BotEvent) => {
        if (event.type === "runFinished") finished.set(nickname, (finished.get(nickname) ?? 0) + 1);
      },
    }),
  );
  try {
    await Promise.all(bots.map((bot) => bot.start()));
    await expect(teacher.getByTestId("student-tile")).toHaveCount(2);
    await expect.poll(() => finished.get("Grace") ?? 0, { timeout: TRAINING_TIMEOUT_MS }).toBeGreaterThanOrEqual(1);

    // A spotlit student: map, figures, curve and configuration on one screen.
    await teacher.getByRole("button", { name: "Spotlight Grace" }).click();
    await expect(projector.getByRole("heading", { name: "Grace" })).toBeVisible();
    await expect(projector.getByRole("img", { name: /^Decision map of Grace/ })).toBeVisible();
    await expect(projector.getByLabel("Configuration")).toBeVisible();
    await expectProjectorFits(projector, "projector-spotlight", ["join-line", "present-spotlight", "student-count"]);
    await teacher.keyboard.press("Escape");
    await expect(projector.getByTestId("present-spotlight")).toHaveCount(0);

    // The end: the dashboard no longer reads "Live" or "Training allowed".
    await expect(teacher.getByTestId("feed-status")).toHaveText(/Live/);
    await expect(teacher.getByText(/Training allowed/)).toBeVisible();
    teacher.on("dialog", (dialog) => void dialog.accept());
    await teacher.getByRole("button", { name: "End session" }).click();
    await expect(teacher.getByText("Session ended", { exact: true })).toBeVisible();
    await expect(teacher.getByTestId("feed-status")).not.toHaveText(/Live/);
    await expect(teacher.getByTestId("feed-status")).toContainText("Ended");
    await expect(teacher.getByText(/Training allowed/)).toHaveCount(0);
    await expect(teacher.getByText("Session ended: nobody can train or join any more.")).toBeVisible();
  } finally {
    for (const bot of bots) bot.stop();
  }

  // The projector drops the join code and QR code for a short summary of the class.
  await expect(projector.getByTestId("class-summary")).toBeVisible();
  await expect(projector.getByTestId("join-code")).toHaveCount(0);
  await expect(projector.getByRole("img", { name: /^QR code for/ })).toHaveCount(0);
  await expect(projector.getByTestId("class-summary")).toContainText("Session ended · 2 students");
  await expect(projector.getByTestId("summary-reached").first()).toHaveText(/^\d of 2$/);
  await expect(projector.getByTestId("summary-best").first()).toContainText("hidden 8");
  await expectProjectorFits(projector, "projector-summary", ["class-summary", "student-count"]);
  // A projector opened after the end shows the summary straight away.
  const late = await (await browser.newContext({ storageState: await teacher.context().storageState() })).newPage();
  await late.goto(`${dashboardUrl}/present`);
  await expect(late.getByTestId("class-summary")).toBeVisible();
  await expect(late.getByTestId("join-code")).toHaveCount(0);
});
