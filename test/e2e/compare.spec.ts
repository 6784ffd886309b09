/**
 * Snapshots and compare, and the class consensus, in Chromium with simulated students (issue 16):
 * the teacher snapshots three tiles, reorders them with the keyboard and shows them side by side
 * on the projector — frozen, then live — at 1280 × 720 and 1920 × 1080 without scrolling, with
 * names hidden once anonymized; the consensus maps appear on the dashboard and the projector with
 * their legends; the review lists the snapshots.
 */
import { type Bot, createBot } from "@/server/simulator/bot";
import type { BotEvent } from "@/server/simulator/bot-events";
import { expect, launchSession, signUpTeacher, test } from "./fixtures";
import { expectProjectorFits } from "./projector-fit";

const TRAINING_TIMEOUT_MS = 60_000;
const NAMES = ["Grace", "Linus", "Ada"] as const;

test("three snapshots side by side on the projector, frozen and live, and the class consensus", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const teacher = page;
  await teacher.setViewportSize({ width: 1400, height: 900 });
  await signUpTeacher(teacher, { emailLabel: "compare" });
  const { dashboardUrl, code } = await launchSession(teacher, { title: "Period 2: hidden 0 vs 2 vs 8" });

  const projector = await teacher.context().newPage();
  await projector.goto(`${dashboardUrl}/present`);
  await expect(projector.getByTestId("join-code")).toContainText(code);

  const finished = new Map<string, number>();
  const bots: Bot[] = NAMES.map((nickname) =>
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
    await expect(teacher.getByTestId("student-tile")).toHaveCount(3);
    for (const name of NAMES)
      await expect.poll(() => finished.get(name) ?? 0, { timeout: TRAINING_TIMEOUT_MS }).toBeGreaterThanOrEqual(1);

    // The consensus of three maps, on the dashboard, with its legends in words.
    const panel = teacher.getByTestId("consensus-panel");
    await expect(panel.getByTestId("consensus")).toBeVisible({ timeout: 10_000 });
    await expect(panel).toContainText(/Average of 3 students' maps/);
    await expect(panel.getByTestId("consensus-legend")).toContainText("Warm = the class says class 1");
    await expect(panel.getByTestId("disagreement-legend")).toContainText("Dark = the class splits");
    await expect(panel.getByRole("img", { name: /^Disagreement map/ })).toBeVisible();

    // Three snapshots: each stored before the tray shows it.
    const tray = teacher.getByTestId("snapshot-tray");
    for (const [index, name] of NAMES.entries()) {
      await teacher.getByRole("button", { name: `Snapshot ${name}` }).click();
      await expect(tray.getByTestId("tray-snapshot")).toHaveCount(index + 1);
    }
    await expect(tray.getByTestId("tray-snapshot").nth(2)).toContainText("3. Ada");

    // Keyboard only: Ada's snapshot up one place.
    await tray.getByRole("button", { name: "Move Ada's snapshot 3 up" }).focus();
    await teacher.keyboard.press("Enter");
    await expect(tray.getByTestId("tray-snapshot").nth(1)).toContainText("2. Ada");
    await expect(tray.getByTestId("tray-snapshot").nth(2)).toContainText("3. Linus");

    // A label, stored.
    await tray.getByTestId("tray-snapshot").nth(0).getByLabel("Label").fill("the first");
    await tray.getByTestId("tray-snapshot").nth(0).getByRole("button", { name: "Save" }).click();
    await expect(tray.getByTestId("tray-snapshot").nth(0)).toContainText("1. Grace — the first");

    // All three, frozen, on the projector.
    for (const item of await tray.getByTestId("tray-snapshot").all()) await item.getByLabel("Compare").check();
    await tray.getByRole("button", { name: "Show 3 side by side on the projector" }).click();
    await expect(tray.getByTestId("compare-status")).toContainText("Projector compares 3 (frozen): Grace, Ada, Linus");
    const cards = projector.getByTestId("compare-card");
    await expect(cards).toHaveCount(3);
    await expect(cards.nth(0)).toContainText("Grace — the first");
    await expect(cards.nth(1)).toContainText("Ada");
    await expect(cards.nth(2)).toContainText("Linus");
    await expect(projector.getByTestId("present-compare")).toContainText("Snapshots as taken");
    await expect(projector.getByRole("img", { name: /^Decision map of Grace/ })).toBeVisible();
    await expectProjectorFits(projector, "compare-frozen", [
      "join-line",
      "present-compare",
      "compare-card",
      "student-count",
    ]);

    // Anonymized: the projector's cards lose the names.
    await teacher.getByRole("button", { name: "Anonymize names" }).click();
    // Bots join in any order: Grace is "Student N" for her join number.
    await expect(cards.nth(0)).toContainText(/^Student \d — the first/);
    await expect(projector.getByTestId("present-compare")).not.toContainText(/Grace|Linus|Ada/);

    // Live: each card follows its student's tile.
    await tray.getByLabel("Live (follow each student)").check();
    await tray.getByRole("button", { name: "Show 3 side by side on the projector" }).click();
    await expect(projector.getByTestId("present-compare")).toContainText("Live: each follows its student now");
    await expect(cards).toHaveCount(3);
    await expect(projector.getByTestId("present-compare")).not.toContainText(/Grace|Linus|Ada/);
    await expectProjectorFits(projector, "compare-live", [
      "join-line",
      "present-compare",
      "compare-card",
      "student-count",
    ]);

    // Back to the join view, then the consensus on the projector.
    await tray.getByRole("button", { name: "Stop comparing" }).click();
    await expect(projector.getByTestId("present-compare")).toHaveCount(0);
    await panel.getByRole("button", { name: "Show consensus on the projector" }).click();
    const shown = projector.getByTestId("present-consensus");
    await expect(shown.getByTestId("consensus")).toBeVisible();
    await expect(shown.getByRole("img", { name: /^Average decision map of \d students?'s? maps?/ })).toBeVisible();
    await expect(shown.getByTestId("disagreement-legend")).toContainText("light = everyone predicts the same class");
    await expectProjectorFits(projector, "compare-consensus", ["join-line", "present-consensus", "student-count"]);
  } finally {
    for (const bot of bots) bot.stop();
  }

  // The review lists the snapshots in the teacher's order, with their labels.
  await teacher.goto(`${dashboardUrl}/review`);
  const reviewed = teacher.getByTestId("review-snapshot");
  await expect(reviewed).toHaveCount(3);
  await expect(reviewed.nth(0)).toContainText("1. Grace — the first");
  await expect(reviewed.nth(1)).toContainText("2. Ada");
  await expect(reviewed.nth(2)).toContainText("3. Linus");
});
