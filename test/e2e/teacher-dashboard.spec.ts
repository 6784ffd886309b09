import type { Page } from "@playwright/test";
import { MAP_BYTES } from "@/lib/protocol";
import { expect, joinStudentSocket, launchSession, signUpTeacher, test } from "./fixtures";

/** Progress cadence of the fake student: a little slower than the protocol's 4/s limit. */
const PROGRESS_EVERY_MS = 300;
/** A map at most once a second (MAP_MIN_INTERVAL_MS), with margin for timer jitter. */
const MAP_EVERY_MS = 1200;

/** A map whose left half is confidently class 0 and right half class 1: far from blank. */
function splitMap(): Uint8Array {
  const bytes = new Uint8Array(MAP_BYTES);
  for (let i = 0; i < MAP_BYTES; i++) bytes[i] = i % 32 < 16 ? 10 : 245;
  return bytes;
}

/** Distinct colours on a canvas found by its accessible name; a blank map has one. */
async function canvasColourCount(page: Page, label: string): Promise<number> {
  return page.getByRole("img", { name: label, exact: true }).evaluate((element) => {
    const canvas = element as HTMLCanvasElement;
    const data =
      canvas.getContext("2d")?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4)
      colours.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
    return colours.size;
  });
}

/** A student the way a browser would be one: POST /api/join, then a socket sending progress. */
async function joinFakeStudent(page: Page, baseURL: string, code: string, nickname: string) {
  const socket = await joinStudentSocket(page, baseURL, code, nickname);
  const controls: string[] = [];
  socket.on("student:control", (control: { type: string }) => controls.push(control.type));
  const started = (await socket.timeout(5000).emitWithAck("run:start", { choice: {} })) as {
    ok: boolean;
    runId: string;
  };
  expect(started.ok).toBe(true);

  let step = 0;
  let lastMapAt = 0;
  const timer = setInterval(() => {
    const points: [number, number][] = [];
    for (let i = 0; i < 4; i++) {
      step += 5;
      points.push([step, 0.7 / (1 + step / 100)]);
    }
    const now = Date.now();
    const map = now - lastMapAt >= MAP_EVERY_MS ? splitMap() : undefined;
    if (map) lastMapAt = now;
    socket.emit("progress:update", { runId: started.runId, step, accuracy: 0.75, points, ...(map ? { map } : {}) });
  }, PROGRESS_EVERY_MS);
  return {
    controls,
    stop() {
      clearInterval(timer);
      socket.disconnect();
    },
  };
}

test("a teacher launches a session, watches a student train live, spotlights and pauses everyone", async ({
  page,
  context,
  browser,
  baseURL,
}) => {
  // Sign-up and launch happen in a context of their own; the dashboard and projector then open
  // in the fixture's context with the same sign-in, so a CSP violation on them fails this test.
  const setup = await signUpTeacher(await (await browser.newContext()).newPage(), { emailLabel: "Ada" });
  const { dashboardUrl } = await launchSession(setup, { title: "Period 3" });
  // The class list links to the dashboard and the projector view.
  await setup.goto("/teacher");
  await expect(setup.getByRole("link", { name: "Projector view of Period 3" })).toHaveAttribute(
    "href",
    `${dashboardUrl}/present`,
  );
  await setup.getByRole("link", { name: "Dashboard of Period 3" }).click();
  await expect(setup).toHaveURL(new RegExp(`${dashboardUrl}$`));
  await context.addCookies(await setup.context().cookies());
  await setup.context().close();

  const teacher = page;
  await teacher.goto(dashboardUrl);
  await expect(teacher.getByRole("heading", { name: "Period 3", level: 1 })).toBeVisible();
  const code = (await teacher.getByTestId("join-code").textContent())?.trim() ?? "";
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
  await expect(teacher.getByTestId("feed-status")).toHaveText(/Live/);
  await expect(teacher.getByTestId("count-total")).toContainText("0");
  await expect(teacher.getByText("No students yet")).toBeVisible();

  // Another signed-in teacher gets a 404 for both pages.
  const stranger = await signUpTeacher(await (await browser.newContext()).newPage(), {
    name: "Grace Hopper",
    emailLabel: "Grace",
  });
  expect((await stranger.goto(dashboardUrl))?.status()).toBe(404);
  expect((await stranger.goto(`${dashboardUrl}/present`))?.status()).toBe(404);

  // The projector view: the code, a QR image and the live count.
  const projector = await teacher.context().newPage();
  await projector.goto(`${dashboardUrl}/present`);
  await expect(projector.getByTestId("join-code")).toContainText(code);
  // On a 1280 × 720 projector the huge code must fit its column, not slide under the QR code.
  await projector.setViewportSize({ width: 1280, height: 720 });
  const isCodeClipped = await projector.getByTestId("join-code").evaluate((el) => el.scrollWidth > el.clientWidth + 1);
  expect(isCodeClipped).toBe(false);
  await expect(projector.getByRole("img", { name: /^QR code for http/ })).toBeVisible();
  await expect(projector.getByTestId("student-count")).toContainText("0 students joined");

  const student = await joinFakeStudent(teacher, baseURL ?? "", code, "Linus");
  try {
    const tile = teacher.getByTestId("student-tile").filter({ hasText: "Linus" });
    await expect(tile).toBeVisible();
    await expect(tile).toContainText("Training");
    await expect(projector.getByTestId("student-count")).toContainText("1 student joined");

    // The map is drawn from the student's bytes and the curve keeps growing. Tiles draw only near
    // the viewport, and the group and snapshot panels sit above the grid: scroll it into view.
    await tile.scrollIntoViewIfNeeded();
    await expect.poll(() => canvasColourCount(teacher, "Decision map of Linus")).toBeGreaterThan(1);
    const sparkline = tile.getByRole("img", { name: "Loss curve of Linus" });
    await expect.poll(async () => Number(await sparkline.getAttribute("data-points"))).toBeGreaterThan(4);
    const seen = Number(await sparkline.getAttribute("data-points"));
    await expect.poll(async () => Number(await sparkline.getAttribute("data-points"))).toBeGreaterThan(seen);

    // Spotlight from the dashboard reaches the projector; Escape clears it on both.
    await tile.getByRole("button", { name: "Spotlight Linus" }).click();
    await expect(teacher.getByRole("heading", { name: "Spotlight: Linus" })).toBeVisible();
    await expect(projector.getByRole("heading", { name: "Linus" })).toBeVisible();
    await expect
      .poll(() =>
        canvasColourCount(projector, "Decision map of Linus: warm = class 1 (circles), cool = class 0 (squares)"),
      )
      .toBeGreaterThan(2);
    await teacher.keyboard.press("Escape");
    await expect(teacher.getByRole("heading", { name: "Spotlight: Linus" })).toHaveCount(0);
    await expect(projector.getByRole("img", { name: /^QR code for/ })).toBeVisible();

    // Pause all reaches the student's socket and the tile.
    await teacher.getByRole("button", { name: "Pause all" }).click();
    await expect.poll(() => student.controls).toContain("pause");
    // The controls are above the fold and tiles off screen do not listen to the store.
    await tile.scrollIntoViewIfNeeded();
    await expect(tile).toContainText("Paused");
    await expect(teacher.getByRole("button", { name: "Resume all" })).toBeVisible();
    // One start button, named for what it does now, with the difference said beside it.
    await expect(teacher.getByRole("button", { name: "Start all" })).toHaveCount(0);
    await expect(teacher.getByTestId("start-hint")).toContainText("paused runs continue from the step they stopped at");
    await teacher
      .getByRole("region", { name: "Class controls" })
      .screenshot({ path: test.info().outputPath("controls-paused.png") });

    // Anonymize: tiles read "Student N" until it is turned off again.
    const anonymize = teacher.getByRole("button", { name: "Anonymize names" });
    await anonymize.click();
    await expect(anonymize).toHaveAttribute("aria-pressed", "true");
    await expect(teacher.getByTestId("student-tile").filter({ hasText: "Student 1" })).toBeVisible();
    await expect(teacher.getByTestId("student-tile").filter({ hasText: "Linus" })).toHaveCount(0);
    await anonymize.click();
    await expect(anonymize).toHaveAttribute("aria-pressed", "false");
    await expect(tile).toBeVisible();

    // Remove (after a confirm): the tile goes and the student's socket is told.
    teacher.on("dialog", (dialog) => void dialog.accept());
    await tile.getByRole("button", { name: "Remove Linus" }).click();
    await expect(tile).toHaveCount(0);
    await expect.poll(() => student.controls).toContain("removed");
    await expect(teacher.getByTestId("count-total")).toContainText("0");

    // End session (after a confirm): dashboard and projector both say so; controls are disabled.
    await teacher.getByRole("button", { name: "End session" }).click();
    await expect(teacher.getByText("Session ended", { exact: true })).toBeVisible();
    // Paused when it ended: the start button still reads "Resume all", disabled.
    await expect(teacher.getByRole("button", { name: "Resume all" })).toBeDisabled();
    await expect(projector.getByTestId("student-count")).toContainText("session ended");
  } finally {
    student.stop();
  }
});

test("a signed-out visitor to a dashboard is sent to sign-in", async ({ page }) => {
  await page.goto("/teacher/sessions/some-session-id");
  await expect(page).toHaveURL(/\/teacher\/sign-in$/);
});
