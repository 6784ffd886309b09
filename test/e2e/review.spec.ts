/**
 * After class: two students train (simulator bots over the real socket path, the same messages a
 * browser sends), the teacher ends the class on the dashboard, opens the review from the class
 * list, sees the summary, a student's curves and final map, scrubs the replay and downloads the
 * CSV. Another teacher gets 404 for the page and its exports; a signed-out visitor goes to sign-in.
 */
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { type Bot, createBot } from "@/server/simulator/bot";
import type { BotEvent } from "@/server/simulator/bot-events";
import { expect, launchSession, signUpTeacher, test } from "./fixtures";

const STUDENTS = ["Ada", "Grace"] as const;
/** Enough for a 2,000-step run at the student page's default pace on a busy machine. */
const TRAINING_TIMEOUT_MS = 45_000;

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

test("after class the teacher reviews, replays and exports the session", async ({
  page,
  context,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  // Sign-up and launch happen in a context of their own (their pages are checked by their own
  // specs); the dashboard and the review then run in the fixture's context, watched for CSP violations.
  const setup = await (await browser.newContext()).newPage();
  await signUpTeacher(setup, { emailLabel: "review" });
  const { dashboardUrl } = await launchSession(setup, { title: "Period 5" });
  const reviewUrl = `${dashboardUrl}/review`;
  await context.addCookies(await setup.context().cookies());
  await setup.context().close();
  const teacher = page;
  await teacher.goto(dashboardUrl);
  const code = (await teacher.getByTestId("join-code").textContent())?.trim().match(/[2-9A-HJKMNP-Z]{6}$/)?.[0] ?? "";
  expect(code).not.toBe("");

  // Two students train at the student page's default pace until each has finished a run.
  const finished = new Map<string, number>();
  const bots: Bot[] = STUDENTS.map((nickname) =>
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
    await expect
      .poll(() => STUDENTS.every((name) => (finished.get(name) ?? 0) >= 1), { timeout: TRAINING_TIMEOUT_MS })
      .toBe(true);

    // The teacher ends the class on the dashboard.
    teacher.on("dialog", (dialog) => void dialog.accept());
    await teacher.getByRole("button", { name: "End session" }).click();
    await expect(teacher.getByText("Session ended", { exact: true })).toBeVisible();
  } finally {
    for (const bot of bots) bot.stop();
  }

  // The class list links to the review.
  await teacher.goto("/teacher");
  await teacher.getByRole("link", { name: "Review of Period 5" }).click();
  await expect(teacher).toHaveURL(new RegExp(`${reviewUrl}$`));
  await expect(teacher.getByRole("heading", { name: "Period 5", level: 1 })).toBeVisible();
  await expect(teacher.getByTestId("summary-students")).toHaveText("2");
  expect(Number(await teacher.getByTestId("summary-runs").textContent())).toBeGreaterThanOrEqual(2);
  await expect(teacher.getByTestId("participant-row")).toHaveCount(2);
  await expect(teacher.getByRole("img", { name: /^Hidden units against final loss/ })).toBeVisible();

  // A student's detail: a curve per run and a final map drawn from the stored bytes.
  await teacher.getByRole("button", { name: "Details for Ada" }).click();
  const detail = teacher.getByTestId("participant-detail");
  await expect(
    detail.getByRole("img", { name: "Loss curves of Ada, one per run" }).locator("canvas").first(),
  ).toBeVisible();
  const firstMap = "Final decision map of Ada, run 1: warm = class 1 (circles), cool = class 0 (squares)";
  await expect.poll(() => canvasColourCount(teacher, firstMap)).toBeGreaterThan(3);
  await expect(detail.getByRole("link", { name: "Weights (JSON) of run 1" })).toBeVisible();

  // The replay: at the end every student is there with a map; scrubbed back to the start, runs are at step 0.
  await teacher.getByRole("button", { name: "Open the replay" }).click();
  const replay = teacher.getByTestId("replay");
  await expect(replay.getByTestId("replay-thumb")).toHaveCount(2);
  await expect.poll(() => canvasColourCount(teacher, "Decision map of Ada at this moment")).toBeGreaterThan(3);
  const endStatus = await replay.getByTestId("replay-status").textContent();
  const slider = replay.getByRole("slider");
  await slider.focus();
  await teacher.keyboard.press("Home");
  await expect(replay.getByTestId("replay-status")).not.toHaveText(endStatus ?? "");
  await expect(replay.getByTestId("replay-status")).toContainText("Showing");
  await expect(replay.getByTestId("replay-thumb").first()).toContainText("step 0");
  await slider.fill("600");
  await expect(replay.getByTestId("replay-thumb")).toHaveCount(2);

  // The CSV download: a header and one row per student.
  const [download] = await Promise.all([
    teacher.waitForEvent("download"),
    teacher.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("period-5-participants.csv");
  const csv = await readFile((await download.path()) ?? "", "utf8");
  // A UTF-8 byte-order mark first, so Excel reads accented nicknames right.
  expect(csv.startsWith("\uFEFF")).toBe(true);
  const lines = csv.slice(1).trim().split("\r\n");
  expect(lines[0]).toMatch(/^nickname,removed,dataset,lesson_step,runs,hidden,learning_rate,/);
  expect(
    lines
      .slice(1)
      .map((line) => line.split(",")[0])
      .sort(),
  ).toEqual([...STUDENTS]);

  // The whole session as JSON, and a run's weights in the chapter's shape with the Python note.
  const session = (await (await teacher.request.get(`${reviewUrl}/export/session.json`)).json()) as {
    participants: { nickname: string }[];
  };
  expect(session.participants.map((p) => p.nickname).sort()).toEqual([...STUDENTS]);
  const weightsHref = (await detail.getByRole("link", { name: "Weights (JSON) of run 1" }).getAttribute("href")) ?? "";
  const weights = (await (await teacher.request.get(weightsHref)).json()) as {
    w1: number[][];
    w2: number[][];
    activation: string;
    dataset: string;
    note: string;
  };
  expect(weights).toMatchObject({ activation: "relu", dataset: "xor" });
  expect(weights.w1).toHaveLength(8);
  expect(weights.note).toContain("mlp_forward");

  // Another teacher: 404 for the page and the exports.
  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await signUpTeacher(stranger, { name: "Grace Hopper", emailLabel: "review" });
  expect((await stranger.goto(reviewUrl))?.status()).toBe(404);
  expect((await stranger.request.get(`${reviewUrl}/export/participants.csv`)).status()).toBe(404);
  expect((await stranger.request.get(`${reviewUrl}/export/session.json`)).status()).toBe(404);
  expect((await stranger.request.get(`${reviewUrl}/replay`)).status()).toBe(404);
  expect((await stranger.request.get(weightsHref)).status()).toBe(404);
  await strangerContext.close();

  // Notes are kept; deleting takes the typed title, then the class is gone from the list.
  await teacher.getByLabel("Notes on this session").fill("Spiral next week: hidden ≥ 16");
  await teacher.getByRole("button", { name: "Save notes" }).click();
  await expect(teacher.getByText("Notes saved.")).toBeVisible();
  await teacher.reload();
  await expect(teacher.getByLabel("Notes on this session")).toHaveValue("Spiral next week: hidden ≥ 16");
  await teacher.getByRole("button", { name: "Delete this session…" }).click();
  const deleteButton = teacher.getByRole("button", { name: "Delete for good" });
  await expect(deleteButton).toBeDisabled();
  await teacher.getByLabel(/^Type the title/).fill("Period 5");
  await deleteButton.click();
  await expect(teacher).toHaveURL(/\/teacher$/);
  await expect(teacher.getByRole("link", { name: "Review of Period 5" })).toHaveCount(0);
  expect((await teacher.goto(reviewUrl))?.status()).toBe(404);
});

test("a signed-out visitor to a review is sent to sign-in, and its exports answer 404", async ({ page }) => {
  await page.goto("/teacher/sessions/some-session-id/review");
  await expect(page).toHaveURL(/\/teacher\/sign-in$/);
  expect((await page.request.get("/teacher/sessions/some-session-id/review/export/participants.csv")).status()).toBe(
    404,
  );
});
