/**
 * Something to keep, in Chromium: a student trains in their browser, the teacher ends the class,
 * and the student's ended page leads to their take-away — their run with its map and figures, the
 * chapter's §4 code — where they download the run's weights. The token travels in POST bodies,
 * never in a URL; the page still opens after a reload, fits a phone, and says plainly when the
 * teacher has deleted the session.
 */
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, launchSession, signUpTeacher, test } from "./fixtures";

const TITLE = "Period 7";
const PHONE = { width: 375, height: 740 };

/** A new teacher's 600-step class, with the page on its dashboard. */
async function launchTakeawayClass(page: Page): Promise<{ dashboardUrl: string; code: string }> {
  await signUpTeacher(page, { emailLabel: "keep" });
  return launchSession(page, {
    title: TITLE,
    fill: (form) => form.getByRole("spinbutton", { name: "Steps" }).fill("600"),
  });
}

test("after the class ends a student opens their take-away and downloads their weights", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const teacher = await (await browser.newContext()).newPage();
  const { dashboardUrl, code } = await launchTakeawayClass(teacher);

  // The student (the fixture's page, watched for CSP violations) joins and trains one run to its end.
  const student = page;
  await student.goto(`/join/${code}`);
  await student.getByLabel("Nickname").fill("Grace");
  await student.getByRole("button", { name: "Join" }).click();
  await expect(student).toHaveURL(new RegExp(`/play/${code}$`));
  const token = await student.evaluate(
    (key) => (JSON.parse(localStorage.getItem(key) ?? "{}") as { token?: string }).token ?? "",
    `mlp-classroom:participant:${code}`,
  );
  expect(token.length).toBeGreaterThan(20);
  await student.getByLabel("Speed").selectOption("max");
  await student.getByRole("button", { name: "Train" }).click();
  await expect(student.getByTestId("step-counter")).toHaveText("600 / 600", { timeout: 30_000 });
  await expect(teacher.getByTestId("student-tile")).toContainText(/600/, { timeout: 15_000 });

  // The teacher ends the class; the student's page keeps the token and links to the take-away.
  teacher.on("dialog", (dialog) => void dialog.accept());
  await teacher.getByRole("button", { name: "End session" }).click();
  await expect(teacher.getByText("Session ended", { exact: true })).toBeVisible();
  await expect(student.getByTestId("status")).toContainText("ended");
  // Coming back later: the class refuses the connection (CLASS_ENDED), and the page keeps the token.
  await student.reload();
  await expect(student.getByTestId("status")).toContainText("This class has ended");
  const urls: string[] = [];
  const bodies: string[] = [];
  student.on("request", (request) => {
    urls.push(request.url());
    if (request.url().includes("/api/takeaway")) bodies.push(`${request.method()} ${request.postData() ?? ""}`);
  });
  await student.getByRole("link", { name: "Your runs and weights to keep" }).click();
  await expect(student).toHaveURL(new RegExp(`/keep/${code}$`));

  // Their run: final map drawn, figures, the chapter's §4 helpers.
  const takeaway = student.getByTestId("takeaway");
  await expect(takeaway.getByRole("heading", { name: `What you trained in ${TITLE}`, level: 1 })).toBeVisible();
  await expect(takeaway.getByTestId("run-card")).toHaveCount(1);
  await expect(takeaway.getByTestId("run-card")).toContainText("600 of 600 steps");
  await expect(takeaway.getByTestId("run-card")).toContainText("8×2 + 8 + 8 + 1 = 33 parameters");
  await expect(takeaway.getByTestId("chapter-python")).toContainText("def mlp_forward(");
  await expect(takeaway.getByRole("img", { name: "Loss curves of Grace, one per run" })).toBeVisible();

  // The download: the chapter's shapes, and the note opens the file under the name it was saved as.
  const [download] = await Promise.all([
    student.waitForEvent("download"),
    takeaway.getByRole("button", { name: "Download the weights of run 1" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("weights-run-1.json");
  const weights = JSON.parse(await readFile((await download.path()) ?? "", "utf8")) as {
    w1: number[][];
    b1: number[];
    w2: number[][];
    b2: number[];
    activation: string;
    note: string;
  };
  expect(weights.w1).toHaveLength(8);
  expect(weights.w1[0]).toHaveLength(2);
  expect(weights.b1).toHaveLength(8);
  expect(weights.w2).toEqual([expect.any(Array)]);
  expect(weights.b2).toHaveLength(1);
  expect(weights.activation).toBe("relu");
  await takeaway.getByTestId("run-card").getByText("Load them in Python").click();
  await expect(takeaway.getByText("open('weights-run-1.json')")).toBeVisible();

  // The token went in POST bodies only, never in a URL.
  expect(bodies.length).toBeGreaterThanOrEqual(2);
  expect(bodies.every((body) => body.startsWith("POST ") && body.includes(token))).toBe(true);
  expect(urls.filter((url) => url.includes(token))).toEqual([]);

  // A reload (the same browser, later) still opens it; it fits a phone.
  await student.setViewportSize(PHONE);
  await student.reload();
  await expect(takeaway.getByTestId("run-card")).toHaveCount(1);
  await takeaway.getByTestId("run-card").getByText("Load them in Python").click();
  await expect(takeaway.getByText("open('weights-run-1.json')")).toBeVisible();
  const widths = await student.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);

  // Another browser has nothing kept for this class.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(`/keep/${code}`);
  await expect(stranger.getByRole("heading", { name: `Nothing kept for class ${code}` })).toBeVisible();

  // The teacher deletes the session: the take-away says so plainly.
  await teacher.goto(`${dashboardUrl}/review`);
  await teacher.getByRole("button", { name: "Delete this session…" }).click();
  await teacher.getByLabel(/Type the title/).fill(TITLE);
  await teacher.getByRole("button", { name: "Delete for good" }).click();
  await expect(teacher).toHaveURL(/\/teacher$/);
  await student.reload();
  await expect(student.getByTestId("takeaway-refused")).toContainText("the teacher deleted the session");
});
