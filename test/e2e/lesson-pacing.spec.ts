/**
 * Issue 14's "Must show", in Chromium: a teacher launches "Stacking layers", three students start
 * on step 1, the teacher sends everyone to step 2, then lets them move freely; each step's prompt,
 * settings and locks apply; the dashboard shows each student's step and the per-step counts; a
 * run in progress when the class moves is stopped; the review groups by step; a student
 * downloads their weights after the end.
 */
import { readFile } from "node:fs/promises";
import type { Browser, Page } from "@playwright/test";
import { expect, launchSession, signUpTeacher, test } from "./fixtures";

const TITLE = "Period 4";

/** A new teacher's class from the built-in lesson, with the page on its dashboard; returns the join code. */
async function launchLessonClass(page: Page): Promise<string> {
  await signUpTeacher(page, { emailLabel: "pacing" });
  const { code } = await launchSession(page, {
    title: TITLE,
    path: "/teacher/sessions/new?lesson=stacking-layers",
    fill: (form) => expect(form.getByLabel("From a lesson")).toBeChecked(),
  });
  return code;
}

async function joinAs(browser: Browser, code: string, nickname: string, page?: Page): Promise<Page> {
  const student = page ?? (await (await browser.newContext()).newPage());
  await student.goto(`/join/${code}`);
  await student.getByLabel("Nickname").fill(nickname);
  await student.getByRole("button", { name: "Join" }).click();
  await expect(student).toHaveURL(new RegExp(`/play/${code}$`));
  return student;
}

const onStep = (teacher: Page, step: number) => teacher.getByTestId(`step-count-${step}`).getByTestId("on-step");
const doneOnStep = (teacher: Page, step: number) => teacher.getByTestId(`step-count-${step}`).getByTestId("done-step");

test("a teacher paces 'Stacking layers': step 1, everyone to step 2, then free; counts, review by step, weights to keep", async ({
  page,
  browser,
}) => {
  test.setTimeout(420_000);
  const teacher = await (await browser.newContext()).newPage();
  const code = await launchLessonClass(teacher);

  // Three students start on step 1: one neuron on two clouds, hidden 0 and locked, lr open.
  const ada = await joinAs(browser, code, "Ada", page);
  const grace = await joinAs(browser, code, "Grace");
  const alan = await joinAs(browser, code, "Alan");
  for (const student of [ada, grace, alan]) {
    await expect(student.getByTestId("lesson-step-number")).toHaveText("Step 1");
    await expect(student.getByRole("heading", { name: "One neuron, two clouds", level: 2 })).toBeVisible();
    await expect(student.getByTestId("lesson-prompt")).toContainText("a single neuron");
    await expect(student.getByLabel("Hidden units", { exact: true })).toHaveValue("0");
    await expect(student.getByLabel("Hidden units", { exact: true })).toBeDisabled();
    await expect(student.getByLabel("Learning rate", { exact: true })).toBeEnabled();
    await expect(student.getByLabel("Steps", { exact: true })).toBeDisabled();
    await expect(student.getByRole("button", { name: "Step 2: One neuron on XOR (locked)" })).toBeDisabled();
  }
  await expect(teacher.getByTestId("pacing-status")).toContainText("Everyone is on step 1");
  await expect(onStep(teacher, 1)).toHaveText("3");
  await expect(teacher.getByTestId("tile-lesson-step")).toHaveText(["Lesson step 1", "Lesson step 1", "Lesson step 1"]);

  // Ada trains step 1 to its end: the two clouds split, the target reached on step 1.
  await ada.getByLabel("Speed").selectOption("max");
  await ada.getByRole("button", { name: "Train", exact: true }).click();
  await expect(ada.getByTestId("step-counter")).toHaveText("500 / 500", { timeout: 60_000 });
  await expect(doneOnStep(teacher, 1)).toHaveText("1 reached the target", { timeout: 15_000 });
  // Grace has a run in progress (one step taken, paused) when the class moves on.
  await grace.getByRole("button", { name: "Step", exact: true }).click();
  await expect(grace.getByTestId("step-counter")).toHaveText("1 / 500");

  // The teacher sends everyone to step 2: one neuron on XOR, steps now open, hidden still locked.
  await teacher.getByLabel("Send everyone to step").selectOption({ label: "2 · One neuron on XOR" });
  await teacher.getByRole("button", { name: "Send everyone" }).click();
  await expect(teacher.getByTestId("pacing-status")).toContainText("Everyone is on step 2");
  for (const student of [ada, grace, alan]) {
    await expect(student.getByTestId("lesson-step-number")).toHaveText("Step 2");
    await expect(student.getByRole("heading", { name: "One neuron on XOR", level: 2 })).toBeVisible();
    await expect(student.getByTestId("lesson-prompt")).toContainText("Can you get it above 50 %?");
    await expect(student.getByText("Your teacher moved you to step 2: One neuron on XOR.")).toBeVisible();
    await expect(student.getByLabel("Hidden units", { exact: true })).toBeDisabled();
    await expect(student.getByLabel("Steps", { exact: true })).toBeEnabled();
    await expect(student.getByRole("button", { name: "Step 1: One neuron, two clouds (locked)" })).toBeDisabled();
  }
  // Grace's run was stopped with the move (stored as stopped on step 1: the review below counts it).
  await expect(onStep(teacher, 2)).toHaveText("3");
  await expect(onStep(teacher, 1)).toHaveText("0");
  await expect(doneOnStep(teacher, 1)).toHaveText("1 reached the target");
  // Tiles off screen are redrawn when they scroll into view (tile-grid.tsx).
  await teacher.getByTestId("student-tile").last().scrollIntoViewIfNeeded();
  await expect(teacher.getByTestId("tile-lesson-step")).toHaveText(["Lesson step 2", "Lesson step 2", "Lesson step 2"]);

  // Then free within steps 1–4: Alan moves on to cell 1, Grace back to step 1.
  await teacher.getByLabel("Free from step").selectOption({ label: "1 · One neuron, two clouds" });
  await teacher.getByLabel("to step", { exact: true }).selectOption({ label: "4 · Cell 2 · The forward pass" });
  await teacher.getByRole("button", { name: "Let students move freely" }).click();
  await expect(teacher.getByTestId("pacing-status")).toContainText("Students move freely within steps 1–4");
  await expect(alan.getByTestId("lesson-pacing-note")).toHaveText("You may move between steps 1 and 4.");
  await alan.getByRole("button", { name: "Next step →" }).click();
  await expect(alan.getByTestId("lesson-step-number")).toHaveText("Step 3");
  await expect(alan.getByRole("heading", { name: "Cell 1 · The linear layer", level: 2 })).toBeVisible();
  await expect(alan.getByTestId("cell-1")).toBeVisible();
  await expect(alan.getByRole("button", { name: "Step 5: Cell 3 · Train on XOR (locked)" })).toBeDisabled();
  await grace.getByRole("button", { name: "Step 1: One neuron, two clouds" }).click();
  await expect(grace.getByTestId("lesson-step-number")).toHaveText("Step 1");
  await expect(grace.getByLabel("Hidden units", { exact: true })).toHaveValue("0");
  await expect(grace.getByLabel("Steps", { exact: true })).toBeDisabled();
  await expect(onStep(teacher, 1)).toHaveText("1");
  await expect(onStep(teacher, 2)).toHaveText("1");
  await expect(onStep(teacher, 3)).toHaveText("1");
  await expect(doneOnStep(teacher, 3)).toHaveText("0 passed the cell");
  await teacher.getByTestId("student-tile").last().scrollIntoViewIfNeeded();
  await expect(teacher.getByTestId("student-tile").filter({ hasText: "Alan" })).toContainText("Lesson step 3");

  // Pausing still works on a paced class.
  await teacher.getByRole("button", { name: "Pause all" }).click();
  await expect(grace.getByRole("button", { name: "Train", exact: true })).toBeDisabled();
  await teacher.getByRole("button", { name: "Resume all" }).click();

  // The end; the review groups by step: step 1 has Ada's and Grace's runs.
  teacher.on("dialog", (dialog) => void dialog.accept());
  await teacher.getByRole("button", { name: "End session" }).click();
  await expect(teacher.getByText("Session ended", { exact: true })).toBeVisible();
  await teacher.getByRole("link", { name: "Review" }).click();
  const tabs = teacher.getByTestId("step-tabs");
  await expect(tabs.getByRole("link")).toHaveCount(9);
  // Ada's run, Grace's stopped one, and the run "Resume all" started for Grace back on step 1.
  await expect(tabs.getByRole("link", { name: /^1 · One neuron, two clouds/ })).toContainText("3 runs, 2 students");
  await expect(tabs.getByRole("link", { name: /^3 · Cell 1/ })).toContainText("0 passed");
  await tabs.getByRole("link", { name: /^1 · One neuron, two clouds/ }).click();
  await expect(teacher).toHaveURL(/\?step=1$/);
  await expect(teacher.getByRole("heading", { name: "Class summary on step 1" })).toBeVisible();
  await expect(tabs.getByRole("link", { name: /^1 · / })).toHaveAttribute("aria-current", "page");

  // Ada keeps her step-1 run and downloads its weights: one neuron, in the chapter's shape.
  await ada.getByRole("link", { name: "Your runs and weights to keep" }).click();
  await expect(ada).toHaveURL(new RegExp(`/keep/${code}$`));
  const takeaway = ada.getByTestId("takeaway");
  // Her step-1 run, and the one "Resume all" started on step 2.
  await expect(takeaway.getByTestId("run-card")).toHaveCount(2);
  const [download] = await Promise.all([
    ada.waitForEvent("download"),
    takeaway.getByRole("button", { name: "Download the weights of run 1" }).click(),
  ]);
  const weights = JSON.parse(await readFile((await download.path()) ?? "", "utf8")) as { w1: number[][] };
  expect(weights.w1).toHaveLength(1);
  expect(weights.w1[0]).toHaveLength(2);
});
