/**
 * A snapshot of a real Chromium student mid-run, not spotlit, has its network view (issue 16):
 * the server asks the student's page once for its weights when the teacher snapshots the tile,
 * and the tray and the projector's compare cards draw the units from them.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const PASSWORD = "a-long-passphrase";
const HIDDEN = 3;
/** At the slow 80 steps a second, 20,000 steps keep the run going for minutes: it is mid-run throughout. */
const STEPS = 20_000;

async function stepCount(page: Page): Promise<number> {
  const text = (await page.getByTestId("step-counter").textContent()) ?? "";
  return Number(text.split("/")[0]?.replace(/[^0-9]/g, "") ?? Number.NaN);
}

test("a snapshot of a Chromium student mid-run shows its network on the tray and the projector", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const teacher = page;
  await teacher.setViewportSize({ width: 1400, height: 900 });
  await teacher.goto("/teacher/sign-up");
  await teacher.getByLabel("Name").fill("Ada Lovelace");
  await teacher.getByLabel("Email").fill(`snapnet-${Date.now()}-${Math.floor(Math.random() * 1e6)}@school.example`);
  await teacher.getByLabel("Password").fill(PASSWORD);
  await teacher.getByRole("button", { name: "Create account" }).click();
  await expect(teacher).toHaveURL(/\/teacher$/);
  await teacher.goto("/teacher/sessions/new");
  await teacher.getByLabel("Title").fill("Inside a running network");
  await teacher.getByRole("button", { name: "Launch session" }).click();
  await expect(teacher).toHaveURL(/\/teacher\/sessions\/(?!new$)[^/]+$/);
  const dashboardUrl = new URL(teacher.url()).pathname;
  const code = (await teacher.getByTestId("join-code").textContent())?.trim() ?? "";
  const projector = await teacher.context().newPage();
  await projector.setViewportSize({ width: 1280, height: 720 });
  await projector.goto(`${dashboardUrl}/present`);
  await expect(projector.getByTestId("join-code")).toContainText(code);

  const student = await (await browser.newContext()).newPage();
  await student.goto(`/join/${code}`);
  await student.getByLabel("Nickname").fill("Grace");
  await student.getByRole("button", { name: "Join" }).click();
  await expect(student).toHaveURL(new RegExp(`/play/${code}$`));
  await student.getByLabel("Hidden units").fill(String(HIDDEN));
  await student.getByLabel("Steps").fill(String(STEPS));
  await student.getByLabel("Speed").selectOption("slow");
  await student.getByRole("button", { name: "Train" }).click();
  await expect(student.getByTestId("status")).toContainText("Training");
  await expect.poll(() => stepCount(student)).toBeGreaterThan(60);

  // Two snapshots of her running tile, a moment apart; nobody is spotlit.
  const tray = teacher.getByTestId("snapshot-tray");
  const items = tray.getByTestId("tray-snapshot");
  for (const index of [0, 1]) {
    await teacher.getByRole("button", { name: "Snapshot Grace" }).click();
    await expect(items).toHaveCount(index + 1);
    await expect(items.nth(index).getByTestId("tray-network")).toHaveText(`Network: ${HIDDEN} units`);
    await expect(items.nth(index).getByRole("img", { name: /with each hidden unit's line$/ })).toBeVisible();
    if (index === 0) await expect.poll(() => stepCount(student)).toBeGreaterThan((await stepCount(student)) + 40);
  }
  // Still mid-run: the student trains on, far from the last step.
  await expect(student.getByTestId("status")).toContainText("Training");
  expect(await stepCount(student)).toBeLessThan(STEPS);

  // Side by side on the projector, frozen: each card draws the units from the snapshot's weights.
  for (const item of await items.all()) await item.getByLabel("Compare").check();
  await tray.getByRole("button", { name: "Show 2 side by side on the projector" }).click();
  const cards = projector.getByTestId("compare-card");
  await expect(cards).toHaveCount(2);
  for (const card of await cards.all()) {
    await expect(card).toContainText(`${HIDDEN} units`);
    await expect(card.getByRole("img", { name: /lines: each hidden unit's boundary$/ })).toBeVisible();
    await expect(card.getByTestId("compare-card-no-network")).toHaveCount(0);
  }
  // The two were taken at different steps of the same run: different weights, different figures.
  const steps = await cards.evaluateAll((elements) =>
    elements.map((element) => element.textContent?.match(/step ([\d,]+)/)?.[1] ?? ""),
  );
  expect(steps[0]).not.toBe(steps[1]);
  await projector.screenshot({ path: "test-results/snapshot-network-projector.png" });
});
