/**
 * The live class in three browsers at once: a teacher and two students (one on a phone). Both
 * students train in their own browsers; the teacher's dashboard shows both tiles with live maps
 * and growing curves; pause-all stops both; a reload resumes the same participant; the projector
 * shows the code, the QR code and the count.
 */
import type { Browser, Page } from "@playwright/test";
import { expect, signUpTeacher, test } from "./fixtures";

/** Distinct colours on a canvas; a blank one has one or two. */
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

async function sparklinePoints(teacher: Page, nickname: string): Promise<number> {
  return Number(await teacher.getByRole("img", { name: `Loss curve of ${nickname}` }).getAttribute("data-points"));
}

async function participantId(student: Page, code: string): Promise<string | undefined> {
  return student.evaluate((key) => {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as { participantId?: string }).participantId : undefined;
  }, `mlp-classroom:participant:${code}`);
}

async function newStudent(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  return (await browser.newContext({ viewport })).newPage();
}

async function startTraining(student: Page): Promise<void> {
  // Slow speed: the run lasts long enough to watch it, pause it and see that it stopped.
  await student.getByLabel("Speed").selectOption("slow");
  await student.getByRole("button", { name: "Train" }).click();
  await expect(student.getByTestId("status")).toContainText("Training");
}

test("a teacher and two students: live tiles, pause-all, a reload that resumes, the projector", async ({
  page: teacher,
  browser,
}) => {
  test.setTimeout(120_000);
  await signUpTeacher(teacher, { emailLabel: "live" });
  await teacher.goto("/teacher/sessions/new");
  await teacher.getByLabel("Title").fill("Period 3 live");
  await expect(teacher.getByLabel("Dataset")).toHaveValue("xor");
  await teacher.getByRole("button", { name: "Launch session" }).click();
  await expect(teacher).toHaveURL(/\/teacher\/sessions\/(?!new$)[^/]+$/);
  const dashboardUrl = new URL(teacher.url()).pathname;

  const projector = await teacher.context().newPage();
  await projector.goto(`${dashboardUrl}/present`);
  const code =
    ((await projector.getByTestId("join-code").textContent()) ?? "").trim().match(/[2-9A-HJKMNP-Z]{6}$/)?.[0] ?? "";
  expect(code).toHaveLength(6);
  await expect(projector.getByRole("img", { name: /^QR code for http/ })).toBeVisible();

  // Student A joins from the landing page on a laptop, student B through the QR link on a phone.
  const ada = await newStudent(browser, { width: 1280, height: 800 });
  await ada.goto("/");
  await ada.getByLabel("Join code").fill(code.toLowerCase());
  await ada.getByLabel("Nickname").fill("Ada");
  await ada.getByRole("button", { name: "Join" }).click();
  await expect(ada).toHaveURL(new RegExp(`/play/${code}$`));
  const bob = await newStudent(browser, { width: 375, height: 740 });
  await bob.goto(`/join/${code}`);
  await bob.getByLabel("Nickname").fill("Bob");
  await bob.getByRole("button", { name: "Join" }).click();
  await expect(bob).toHaveURL(new RegExp(`/play/${code}$`));
  await startTraining(ada);
  await startTraining(bob);

  // Both tiles: live maps drawn from the students' bytes and curves that keep growing.
  await expect(teacher.getByTestId("student-tile")).toHaveCount(2);
  for (const nickname of ["Ada", "Bob"]) {
    await expect
      .poll(() => canvasColourCount(teacher, `Decision map of ${nickname}`), { timeout: 15_000 })
      .toBeGreaterThan(2);
    await expect.poll(() => sparklinePoints(teacher, nickname)).toBeGreaterThan(4);
    const seen = await sparklinePoints(teacher, nickname);
    await expect.poll(() => sparklinePoints(teacher, nickname)).toBeGreaterThan(seen);
  }
  await expect(projector.getByTestId("student-count")).toContainText("2 students joined");

  // Pause all: both students stop (Pause turns off once the worker reports it paused), and their
  // Train buttons stay disabled.
  await teacher.getByRole("button", { name: "Pause all" }).click();
  for (const student of [ada, bob]) {
    await expect(student.getByTestId("status")).toContainText("Paused by your teacher");
    await expect(student.getByRole("button", { name: "Train" })).toBeDisabled();
    await expect(student.getByRole("button", { name: "Pause", exact: true })).toBeDisabled();
  }
  const adaPausedAt = (await ada.getByTestId("step-counter").textContent()) ?? "";

  // A reload resumes the same participant: same id, still two tiles, Bob's among them.
  const before = await participantId(bob, code);
  expect(before).toBeTruthy();
  await bob.reload();
  await expect(bob.getByText("Training as")).toContainText("Bob");
  expect(await participantId(bob, code)).toBe(before);
  await expect(teacher.getByTestId("student-tile")).toHaveCount(2);
  await expect(teacher.getByTestId("student-tile").filter({ hasText: "Bob" })).toBeVisible();
  await expect(projector.getByTestId("student-count")).toContainText("2 students joined");
  // Ada's worker stayed paused through all of that (Bob's reload and the dashboard's updates).
  await expect(ada.getByTestId("step-counter")).toHaveText(adaPausedAt);
});
