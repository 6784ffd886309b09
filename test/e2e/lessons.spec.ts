/**
 * A teacher's lessons in Chromium: the built-in "Stacking layers" is there and read-only; a copy
 * is edited with the form (a step moved with the keyboard, one removed, one added, a prompt left
 * blank and refused, a setting changed), saved, and launched; a student of that class gets the
 * first step's settings and locks. Another teacher gets 404 for the lesson and cannot launch it.
 */
import type { Browser, Page } from "@playwright/test";
import { expect, signUpTeacher, test } from "./fixtures";

async function newTeacher(browser: Browser, name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signUpTeacher(page, { name, emailLabel: "lessons" });
  return page;
}

const stepTitles = (page: Page) => page.getByTestId("lesson-step").getByRole("heading", { level: 2 }).allTextContents();

test("a teacher copies the built-in lesson, edits its steps with the form, and launches a class from it", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signUpTeacher(page, { emailLabel: "lessons" });

  // The built-in lesson, from the teacher's home: nine steps with notes, and no way to edit it.
  await page.getByRole("link", { name: "Lessons", exact: true }).click();
  await expect(page).toHaveURL(/\/teacher\/lessons$/);
  await page.getByRole("link", { name: "Stacking layers", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Stacking layers", level: 1 })).toBeVisible();
  const builtInTitles = await stepTitles(page);
  expect(builtInTitles.length).toBeGreaterThanOrEqual(8);
  expect(builtInTitles[0]).toBe("One neuron, two clouds");
  await expect(page.getByText("What to look for").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
  expect((await page.request.get("/teacher/lessons/stacking-layers/edit")).status()).toBe(404);

  // Copy: the editor opens on the copy.
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page).toHaveURL(/\/teacher\/lessons\/[^/]+\/edit$/);
  const editUrl = new URL(page.url()).pathname;
  const lessonUrl = editUrl.replace(/\/edit$/, "");
  const steps = page.getByTestId("step-editor");
  await expect(steps).toHaveCount(builtInTitles.length);
  await expect(page.getByLabel("Lesson title", { exact: true })).toHaveValue("Stacking layers (copy)");
  await page.getByLabel("Lesson title", { exact: true }).fill("Stacking layers, period 3");

  // Keyboard reorder: step 2 moves up; focus stays with it (now first, so on its "down" button).
  await page.getByRole("button", { name: "Move step 2 up" }).focus();
  await page.keyboard.press("Enter");
  await expect(steps.nth(0).getByLabel("Step title", { exact: true })).toHaveValue("One neuron on XOR");
  await expect(page.getByRole("button", { name: "Move step 1 down" })).toBeFocused();
  await expect(page.getByTestId("editor-announcement")).toHaveText("Step moved to position 1 of 9.");
  await page.keyboard.press("Enter");
  await expect(steps.nth(1).getByLabel("Step title", { exact: true })).toHaveValue("One neuron on XOR");
  await page.getByRole("button", { name: "Move step 2 up" }).click();

  // Remove the last step; add a cell step and a training step of our own.
  await page.getByRole("button", { name: `Remove step ${builtInTitles.length}` }).click();
  await expect(steps).toHaveCount(builtInTitles.length - 1);
  await page.getByRole("button", { name: "Add a cell step" }).click();
  const added = steps.last();
  await expect(added.getByLabel("Step title", { exact: true })).toBeFocused();
  await added.getByLabel("Step title", { exact: true }).fill("Forward pass again");
  await added.getByLabel("Activity").selectOption({ label: "Cell 2 · Forward pass" });
  await added.getByLabel("Prompt for students").fill("Write it once more, from memory.");
  await page.getByRole("button", { name: "Add a training step" }).click();
  const circles = steps.last();
  await circles.getByLabel("Step title", { exact: true }).fill("Circles");
  await circles.getByLabel("Dataset").selectOption("circles");
  await circles.getByRole("spinbutton", { name: "Hidden size" }).fill("4");

  // The first step now trains with hidden 2 instead of 0, hidden stays locked.
  await steps.nth(0).getByRole("spinbutton", { name: "Hidden size" }).fill("2");

  // Saving with the new step's prompt blank is refused, naming the step, with the cursor in that field.
  await page.getByRole("button", { name: "Save lesson" }).click();
  const stepCount = builtInTitles.length + 1;
  await expect(page.getByRole("alert").filter({ hasText: "Step" })).toContainText(
    `Step ${stepCount}: Prompt is required`,
  );
  await expect(circles.getByLabel("Prompt for students")).toBeFocused();
  await circles.getByLabel("Prompt for students").fill("A disc inside a ring: how few hidden units do it?");
  await page.getByRole("button", { name: "Save lesson" }).click();
  await expect(page.getByTestId("save-status")).toContainText("Saved at");

  // The saved lesson, read back.
  await page.goto(lessonUrl);
  await expect(page.getByRole("heading", { name: "Stacking layers, period 3", level: 1 })).toBeVisible();
  const savedTitles = await stepTitles(page);
  expect(savedTitles).toEqual([
    "One neuron on XOR",
    "One neuron, two clouds",
    ...builtInTitles.slice(2, -1),
    "Forward pass again",
    "Circles",
  ]);
  await expect(page.getByTestId("lesson-step").first()).toContainText("hidden 2");
  await expect(page.getByTestId("lesson-step").last()).toContainText("circles");

  // Launch from the lesson: preselected, the class starts on step 1 with its settings.
  await page.getByRole("link", { name: "Launch a session" }).click();
  await expect(page.getByLabel("From a lesson")).toBeChecked();
  await expect(page.getByLabel("Lesson", { exact: true })).toHaveValue(lessonUrl.split("/").at(-1) ?? "");
  await page.getByLabel("Title").fill("Period 3");
  await page.getByRole("button", { name: "Launch session" }).click();
  await expect(page).toHaveURL(/\/teacher\/sessions\/(?!new$)[^/]+$/);
  const code = (await page.getByTestId("join-code").textContent())?.trim().match(/[2-9A-HJKMNP-Z]{6}$/)?.[0] ?? "";
  expect(code).not.toBe("");

  // A student of that class trains step 1: XOR with hidden 2, hidden locked, lr open.
  const student = await (await browser.newContext()).newPage();
  await student.goto(`/join/${code}`);
  await student.getByLabel("Nickname").fill("Grace");
  await student.getByRole("button", { name: "Join" }).click();
  await expect(student).toHaveURL(new RegExp(`/play/${code}$`));
  await expect(student.getByLabel("Hidden units")).toHaveValue("2");
  await expect(student.getByLabel("Hidden units")).toBeDisabled();
  await expect(student.getByLabel("Learning rate")).toBeEnabled();
  await expect(student.getByLabel("Activation")).toBeDisabled();

  // Launching without a lesson is still there, and is the default.
  await page.goto("/teacher/sessions/new");
  await expect(page.getByLabel("Without a lesson")).toBeChecked();
  await expect(page.getByRole("spinbutton", { name: "Hidden size" })).toBeVisible();

  // Another teacher: 404 for the lesson and its editor, not offered it, and cannot launch it by id.
  const other = await newTeacher(browser, "Grace Hopper");
  for (const url of [lessonUrl, editUrl]) expect((await other.request.get(url)).status()).toBe(404);
  await other.goto(`/teacher/sessions/new?lesson=${lessonUrl.split("/").at(-1)}`);
  await expect(other.getByLabel("Without a lesson")).toBeChecked();
  await other.getByLabel("From a lesson").check();
  const lessonSelect = other.getByLabel("Lesson", { exact: true });
  await expect(lessonSelect.locator("option")).toHaveCount(1);
  await lessonSelect.evaluate((select, id) => {
    const option = document.createElement("option");
    option.value = id;
    option.textContent = "forged";
    select.appendChild(option);
    (select as HTMLSelectElement).value = id;
  }, lessonUrl.split("/").at(-1) ?? "");
  await other.getByLabel("Title").fill("Not mine");
  await other.getByRole("button", { name: "Launch session" }).click();
  await expect(other.getByRole("alert").filter({ hasText: "No such lesson" })).toBeVisible();
  await other.goto("/teacher");
  await expect(other.getByText("No classes yet")).toBeVisible();
});
