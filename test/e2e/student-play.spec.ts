/**
 * The student's journey: join by code (landing form and the QR link), train in the browser's
 * Worker at max speed to the end of the run, keep the same participant across a reload, and fit
 * a 375 px phone. The longest main-thread task while training at max is recorded.
 */
import type { Browser, BrowserContextOptions, Page } from "@playwright/test";
import { NOTICE_VISIBLE_MS } from "@/app/play/[code]/use-fading-notice";
import { expect, launchSession, readJoinCode, signUpTeacher, test } from "./fixtures";

/** The class default: a 2,000-step XOR run (lib/ml/nn DEFAULT_STEPS). */
const DEFAULT_STEPS_TEXT = "2,000 / 2,000";
/** The bound for main-thread tasks while training at max speed and drawing. */
const LONG_TASK_LIMIT_MS = 50;
const PHONE = { width: 375, height: 740 };
/**
 * The longest-task figure is wall time: on a 2-core machine the Worker training at max holds one
 * core, and a moment of contention from the server and the teacher's page can stretch one task
 * past the bound (63 ms once in CI at load 6, under 50 ms in every other run). One retry tells such
 * a moment from a regression, which fails both tries; the figure of each try is printed.
 */
test.describe.configure({ retries: 1 });

async function launchXorSession(
  browser: Browser,
  title: string,
): Promise<{ teacher: Page; code: string; dashboardUrl: string }> {
  const teacher = await signUpTeacher(await newCheckedPage(browser), { emailLabel: "student-ui" });
  const { dashboardUrl } = await launchSession(teacher, { title });
  await teacher.goto(`${dashboardUrl}/present`);
  return { teacher, code: await readJoinCode(teacher), dashboardUrl };
}

/**
 * Content-Security-Policy violations on any page of these tests. The shared fixture watches only
 * its own context; these journeys need several browsers (teacher, students), so every context
 * they open reports here the same way, and each test ends by asserting there were none.
 */
let cspViolations: string[] = [];
test.beforeEach(() => {
  cspViolations = [];
});
/** The pages this journey owns; the teacher pages it passes through are checked by their own specs. */
const STUDENT_PAGE = / on \/(join\/\S*|play\/\S*)?$/;
test.afterEach(() => {
  const others = cspViolations.filter((violation) => !STUDENT_PAGE.test(violation));
  if (others.length > 0)
    test.info().annotations.push({ type: "CSP violations on other pages", description: others.join("; ") });
  expect(
    cspViolations.filter((violation) => STUDENT_PAGE.test(violation)),
    "Content-Security-Policy violations",
  ).toEqual([]);
});

async function newCheckedPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  await context.exposeBinding("__reportCspViolation", (_source, message: string) => {
    cspViolations.push(message);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation: (m: string) => void }).__reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}`);
    });
  });
  return context.newPage();
}

async function newStudentPage(browser: Browser, viewport?: { width: number; height: number }): Promise<Page> {
  return newCheckedPage(browser, viewport ? { viewport } : {});
}

/** Distinct colours on the decision map; a blank or single-colour map has very few. */
async function mapColourCount(page: Page): Promise<number> {
  return page.getByRole("img", { name: /^Decision map of your network/ }).evaluate((element) => {
    const canvas = element as HTMLCanvasElement;
    const data =
      canvas.getContext("2d")?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4)
      colours.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
    return colours.size;
  });
}

async function storedParticipantId(page: Page, code: string): Promise<string | undefined> {
  return page.evaluate((key) => {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as { participantId?: string }).participantId : undefined;
  }, `mlp-classroom:participant:${code}`);
}

test("@student a student joins by code, trains at max speed to the end, and a reload keeps the participant", async ({
  browser,
}) => {
  const { teacher, code } = await launchXorSession(browser, "Stacking layers");

  // A wrong code is refused with a clear message, under the code field.
  const ada = await newStudentPage(browser);
  await ada.goto("/");
  await ada.getByLabel("Join code").fill("ZZZZZZ");
  await ada.getByLabel("Nickname").fill("Ada");
  await ada.getByRole("button", { name: "Join" }).click();
  await expect(ada.getByRole("alert").filter({ hasText: "No class uses the code ZZZZZZ" })).toBeVisible();

  // The landing form: code (typed in lower case with a dash) and nickname.
  await ada.getByLabel("Join code").fill(`${code.slice(0, 3).toLowerCase()}-${code.slice(3)}`);
  await ada.getByRole("button", { name: "Join" }).click();
  await expect(ada).toHaveURL(new RegExp(`/play/${code}$`));
  await expect(ada.getByTestId("nickname")).toHaveText("Ada");
  await expect(ada.getByRole("heading", { name: "Stacking layers", level: 1 })).toBeVisible();
  await expect(ada.getByTestId("status")).toContainText("Press Train");
  const participantId = await storedParticipantId(ada, code);
  expect(participantId).toBeTruthy();

  // Train at max: the step counter reaches the configured steps, the map is drawn, the target reached.
  await ada.getByLabel("Speed").selectOption("max");
  await ada.getByRole("button", { name: "Train" }).click();
  await expect(ada.getByTestId("step-counter")).toHaveText(DEFAULT_STEPS_TEXT, { timeout: 30_000 });
  await expect(ada.getByTestId("status")).toContainText("Reached the 95 % target");
  expect(await mapColourCount(ada)).toBeGreaterThan(20);

  // A longer run at max (20,000 steps, a second or two of training and drawing) for the long-task
  // figure: the Worker trains, the page only draws, so no main-thread task may exceed 50 ms.
  expect(await ada.evaluate(() => PerformanceObserver.supportedEntryTypes.includes("longtask"))).toBe(true);
  await ada.getByLabel("Steps").fill("20000");
  await ada.getByRole("button", { name: "Train" }).click();
  await expect(ada.getByTestId("step-counter")).toHaveText("20,000 / 20,000", { timeout: 60_000 });
  const root = ada.getByTestId("play-root");
  const longestTaskMs = Number(await root.getAttribute("data-longest-task-ms"));
  test.info().annotations.push({
    type: "longest main-thread task while training at max (ms)",
    description: String(longestTaskMs),
  });
  console.log(
    `[student-play] longest main-thread task while training at max: ${longestTaskMs} ms (limit ${LONG_TASK_LIMIT_MS} ms)`,
  );
  expect(longestTaskMs).toBeLessThan(LONG_TASK_LIMIT_MS);
  // The instrument itself works: an 80 ms busy task on the page's main thread shows up in the figure.
  await ada.evaluate(() => {
    setTimeout(() => {
      const end = performance.now() + 80;
      while (performance.now() < end) {
        // busy: a long task on purpose
      }
    }, 0);
  });
  await expect.poll(async () => Number(await root.getAttribute("data-longest-task-ms"))).toBeGreaterThanOrEqual(75);

  // The QR link: the code is prefilled; a taken nickname comes with a one-click suggestion.
  const bea = await newStudentPage(browser);
  await bea.goto(`/join/${code}`);
  await expect(bea.getByLabel("Join code")).toHaveValue(code);
  await bea.getByLabel("Nickname").fill("ada");
  await bea.getByRole("button", { name: "Join" }).click();
  await expect(bea.getByRole("alert").filter({ hasText: "already called" })).toBeVisible();
  await bea.getByRole("button", { name: /^Use “/ }).click();
  await expect(bea).toHaveURL(new RegExp(`/play/${code}$`));
  await expect(bea.getByTestId("nickname")).not.toHaveText("ada");

  // A reload resumes the same participant: same token, same id, still two students in the class.
  await ada.reload();
  await expect(ada.getByTestId("nickname")).toHaveText("Ada");
  await expect(ada.getByRole("button", { name: "Train" })).toBeEnabled();
  expect(await storedParticipantId(ada, code)).toBe(participantId);
  await teacher.reload();
  await expect(teacher.getByTestId("student-count")).toContainText("2 students");

  // Back on /join/[code], this browser is offered to continue as itself.
  await ada.goto(`/join/${code}`);
  await ada.getByRole("link", { name: "Continue as Ada" }).click();
  await expect(ada).toHaveURL(new RegExp(`/play/${code}$`));
  await expect(ada.getByTestId("nickname")).toHaveText("Ada");
});

test("@student the training page fits a 375 px phone while training", async ({ browser }) => {
  const { code } = await launchXorSession(browser, "Phones");
  const phone = await newStudentPage(browser, PHONE);
  await phone.goto(`/join/${code}`);
  await phone.getByLabel("Nickname").fill("Pocket");
  await phone.getByRole("button", { name: "Join" }).click();
  await expect(phone).toHaveURL(new RegExp(`/play/${code}$`));
  await phone.getByRole("button", { name: "Train" }).click();
  await expect(phone.getByTestId("status")).toContainText("Training");
  await expect(phone.getByRole("button", { name: "Pause" })).toBeEnabled();
  const widths = await phone.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  const mapBox = await phone.getByRole("img", { name: /^Decision map of your network/ }).boundingBox();
  expect(mapBox?.width ?? 0).toBeGreaterThan(200);
  expect((mapBox?.x ?? 0) + (mapBox?.width ?? 0)).toBeLessThanOrEqual(PHONE.width);
  // Pause stops the run: the step counter stays put.
  await phone.getByRole("button", { name: "Pause" }).click();
  await expect(phone.getByTestId("status")).toContainText("Paused at step");
  const paused = await phone.getByTestId("step-counter").textContent();
  await phone.getByRole("button", { name: "Step" }).click();
  await expect(phone.getByTestId("step-counter")).not.toHaveText(paused ?? "");
});

test("@student the teacher's pause, resume, reset, remove and end reach a training student", async ({ browser }) => {
  const { teacher, code, dashboardUrl } = await launchXorSession(browser, "Controls");
  await teacher.goto(dashboardUrl);
  teacher.on("dialog", (dialog) => void dialog.accept());
  const student = await newStudentPage(browser);
  await student.goto(`/join/${code}`);
  await student.getByLabel("Nickname").fill("Grace");
  await student.getByRole("button", { name: "Join" }).click();
  await expect(student).toHaveURL(new RegExp(`/play/${code}$`));
  await student.getByLabel("Speed").selectOption("slow");
  await student.getByRole("button", { name: "Train" }).click();
  await expect(student.getByTestId("status")).toContainText("Training");

  // Pause all: training stops and Train (and Step) stay disabled until the teacher resumes.
  await teacher.getByRole("button", { name: "Pause all" }).click();
  await expect(student.getByTestId("status")).toContainText("Paused by your teacher");
  await expect(student.getByRole("button", { name: "Train" })).toBeDisabled();
  await expect(student.getByRole("button", { name: "Step" })).toBeDisabled();
  await expect(student.getByRole("button", { name: "Pause" })).toBeDisabled();
  const pausedAt = await student.getByTestId("step-counter").textContent();

  // Resume all: the same run continues from where it stopped.
  await teacher.getByRole("button", { name: "Resume all" }).click();
  await expect(student.getByTestId("status")).toContainText("Training");
  await expect(student.getByTestId("step-counter")).not.toHaveText(pausedAt ?? "");
  await expect(student.getByRole("button", { name: "Pause" })).toBeEnabled();

  // Reset all: everyone restarts as a new run from the session's settings.
  await teacher.getByRole("button", { name: "Reset all" }).click();
  await expect(student.getByText("Your teacher reset the class")).toBeVisible();
  await expect(student.getByTestId("status")).toContainText("Training");
  // The training status is the run's: a cell tab does not show it; the free-training tab does.
  await student.getByRole("tab", { name: /^1 / }).click();
  await expect(student.getByTestId("status")).toBeHidden();
  await student.getByRole("tab", { name: "Free training" }).click();
  await expect(student.getByTestId("status")).toBeVisible();
  // The reset notice goes away by itself; the run it started goes on.
  await expect(student.getByTestId("notice")).toHaveCount(0, { timeout: NOTICE_VISIBLE_MS + 5_000 });
  await expect(student.getByTestId("status")).toContainText("Training");
  // A second reset shows it again (same words, new reset).
  await teacher.getByRole("button", { name: "Reset all" }).click();
  await expect(student.getByText("Your teacher reset the class")).toBeVisible();

  // Remove: the student is told, training stops, and this browser forgets the class.
  await teacher.getByRole("button", { name: "Remove Grace" }).click();
  await expect(student.getByTestId("status")).toContainText("removed");
  // Nothing stale stays on a removed student's page: the reset notice is gone with the class.
  await expect(student.getByTestId("notice")).toHaveCount(0);
  await expect(student.getByRole("button", { name: "Train" })).toBeDisabled();
  expect(await storedParticipantId(student, code)).toBeUndefined();

  // End session: a student still in the class sees the goodbye and cannot train.
  const late = await newStudentPage(browser);
  await late.goto(`/join/${code}`);
  await late.getByLabel("Nickname").fill("Late");
  await late.getByRole("button", { name: "Join" }).click();
  await expect(late.getByRole("button", { name: "Train" })).toBeEnabled();
  await teacher.getByRole("button", { name: "End session" }).click();
  await expect(late.getByTestId("status")).toContainText("The class has ended");
  await expect(late.getByRole("button", { name: "Train" })).toBeDisabled();
});

async function stepCount(page: Page): Promise<number> {
  const text = (await page.getByTestId("step-counter").textContent()) ?? "";
  return Number(text.split("/")[0]?.replace(/[^0-9]/g, "") ?? Number.NaN);
}

async function savedRunId(page: Page, code: string): Promise<string | undefined> {
  return page.evaluate((key) => {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as { runId?: string }).runId : undefined;
  }, `mlp-classroom:run:${code}`);
}

test("@student a reload mid-run continues the same run from where it was", async ({ browser }) => {
  const { code } = await launchXorSession(browser, "Reloads");
  const student = await newStudentPage(browser);
  await student.goto(`/join/${code}`);
  await student.getByLabel("Nickname").fill("Alan");
  await student.getByRole("button", { name: "Join" }).click();
  await expect(student).toHaveURL(new RegExp(`/play/${code}$`));
  await student.getByLabel("Speed").selectOption("slow");
  await student.getByRole("button", { name: "Train" }).click();
  await expect.poll(() => stepCount(student)).toBeGreaterThan(100);
  const runId = await savedRunId(student, code);
  expect(runId).toBeTruthy();

  await student.reload();
  await expect(student.getByText(/Welcome back: your run continues from step/)).toBeVisible();
  await expect(student.getByTestId("status")).toContainText("Training");
  await expect(student.getByLabel("Speed")).toHaveValue("slow");
  // The rebuilt run starts where it was (not at 0) and keeps its id.
  expect(await stepCount(student)).toBeGreaterThan(100);
  await expect.poll(() => stepCount(student)).toBeGreaterThan(200);
  expect(await savedRunId(student, code)).toBe(runId);

  // Paused, an edit typed but not trained with survives a reload; the paused run is still rebuilt.
  await student.getByRole("button", { name: "Pause" }).click();
  await expect(student.getByTestId("status")).toContainText("Paused at step");
  await student.getByLabel("Learning rate").fill("0.07");
  await student.getByLabel("Learning rate").blur();
  await student.reload();
  await expect(student.getByText(/Welcome back: your run continues from step/)).toBeVisible();
  await expect(student.getByLabel("Learning rate")).toHaveValue("0.07");
  expect(await savedRunId(student, code)).toBe(runId);
});
