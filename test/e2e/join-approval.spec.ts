import type { Browser, Page } from "@playwright/test";
import { expect, signUpTeacher, test } from "./fixtures";

/**
 * Approval mode in real browsers (issue 11): the teacher launches with "Require approval", a
 * student on a phone sees that they wait, the dashboard lists them, Admit lets them in live; a
 * denied student is told so; "Deny all waiting" clears the list; approval can be turned off live.
 */

async function newStudent(browser: Browser): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 375, height: 740 } })).newPage();
}

async function joinAs(student: Page, code: string, nickname: string): Promise<void> {
  await student.goto(`/join/${code}`);
  await student.getByLabel("Nickname").fill(nickname);
  await student.getByRole("button", { name: "Join" }).click();
  await expect(student).toHaveURL(new RegExp(`/play/${code}$`));
}

test("require approval: waiting view, the dashboard's waiting list, admit, deny, deny all", async ({
  page: teacher,
  browser,
}) => {
  test.setTimeout(120_000);
  await signUpTeacher(teacher, { name: "Grace Hopper", emailLabel: "approval" });
  await teacher.goto("/teacher/sessions/new");
  await teacher.getByLabel("Title").fill("Period 5, approval");
  await teacher.getByRole("radio", { name: "Without a lesson" }).check();
  await teacher.getByLabel("Require approval of new joins").check();
  await teacher.getByRole("button", { name: "Launch session" }).click();
  await expect(teacher).toHaveURL(/\/teacher\/sessions\/(?!new$)[^/]+$/);
  const code = ((await teacher.getByTestId("join-code").textContent()) ?? "").trim();
  expect(code).toHaveLength(6);
  const waitingList = teacher.getByTestId("waiting-list");
  const toggle = teacher.getByRole("button", { name: "Require approval of new joins" });
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(waitingList).toContainText("New students wait here until you admit them.");

  // Ada waits: her page says so, the dashboard lists her, no tile yet.
  const ada = await newStudent(browser);
  await joinAs(ada, code, "Ada");
  await expect(ada.getByTestId("waiting-view")).toContainText("Waiting for your teacher to let you in as Ada");
  await expect(ada.getByRole("button", { name: "Train" })).toHaveCount(0);
  await expect(waitingList.getByTestId("waiting-name")).toHaveText(["Ada"]);
  await expect(teacher.getByTestId("student-tile")).toHaveCount(0);

  // Admit: her page enters the class by itself and her tile appears.
  await waitingList.getByRole("button", { name: "Admit Ada" }).click();
  await expect(ada.getByTestId("waiting-view")).toHaveCount(0);
  await expect(ada.getByRole("button", { name: "Train" })).toBeEnabled();
  await expect(teacher.getByTestId("student-tile")).toHaveCount(1);
  await expect(waitingList.getByTestId("waiting-name")).toHaveCount(0);

  // Mallory is denied: her page says so and offers nothing to do in the class.
  const mallory = await newStudent(browser);
  await joinAs(mallory, code, "Mallory");
  await expect(waitingList.getByTestId("waiting-name")).toHaveText(["Mallory"]);
  await waitingList.getByRole("button", { name: "Deny Mallory" }).click();
  await expect(mallory.getByTestId("status")).toContainText("did not let you into this class");
  await expect(mallory.getByRole("button", { name: "Train" })).toHaveCount(0);
  await expect(teacher.getByTestId("student-tile")).toHaveCount(1);

  // Two more wait; "Deny all waiting" (confirmed) refuses both at once.
  const bots = [await newStudent(browser), await newStudent(browser)];
  await joinAs(bots[0] as Page, code, "Bot one");
  await joinAs(bots[1] as Page, code, "Bot two");
  await expect(waitingList.getByTestId("waiting-name")).toHaveText(["Bot one", "Bot two"]);
  teacher.once("dialog", (dialog) => void dialog.accept());
  await waitingList.getByRole("button", { name: "Deny all waiting" }).click();
  await expect(waitingList.getByTestId("waiting-name")).toHaveCount(0);
  for (const bot of bots) await expect(bot.getByTestId("status")).toContainText("did not let you into this class");

  // Approval off, live: the next student (another browser, same machine) waits anyway, because a
  // join from this address was denied; turned off, the toggle says so.
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  const grace = await newStudent(browser);
  await joinAs(grace, code, "Grace");
  await expect(grace.getByTestId("waiting-view")).toBeVisible();
  await expect(waitingList.getByTestId("waiting-name")).toHaveText(["Grace"]);
  await waitingList.getByRole("button", { name: "Admit all" }).click();
  await expect(grace.getByRole("button", { name: "Train" })).toBeEnabled();
  await expect(teacher.getByTestId("student-tile")).toHaveCount(2);

  // The session ends while Late waits: Late is refused, with nothing to keep.
  const late = await newStudent(browser);
  await joinAs(late, code, "Late");
  await expect(waitingList.getByTestId("waiting-name")).toHaveText(["Late"]);
  teacher.once("dialog", (dialog) => void dialog.accept());
  await teacher.getByRole("button", { name: "End session" }).click();
  await expect(late.getByTestId("status")).toContainText("ended before your teacher let you in");
  await expect(late.getByRole("link", { name: "Your runs and weights to keep" })).toHaveCount(0);
  await expect(waitingList).toHaveCount(0);
});
