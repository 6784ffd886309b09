/**
 * A review a teacher can trust, end to end in Chromium against PostgreSQL: students in real
 * browsers join, leave and come back; the teacher resets the class mid-run, changes XOR for
 * circles and ends the class; a doctored client claims 100 %. Then the review and its CSV show
 * time in class within 10 % of the real presence, one dataset at a time, the reset run as stopped
 * with the curve it had, and the doctored run flagged and not counted as reached.
 */
import type { Browser, Page } from "@playwright/test";
import { io } from "socket.io-client";
import type { RunConfig } from "@/lib/classroom/settings";
import { PROTOCOL_VERSION } from "@/lib/protocol";
import { trainedFinish } from "../helpers/trained-run";
import { parseCsv } from "../server/review/parse-csv";
import { expect, launchSession, signUpTeacher, test } from "./fixtures";

/** The bar: time in class within 10 % of the real presence. */
const PRESENCE_TOLERANCE = 0.1;
/** Long enough that a second of page-load or socket latency stays well inside the tolerance. */
const FIRST_STAY_MS = 12_000;
const AWAY_MS = 6_000;

async function joinInBrowser(browser: Browser, code: string, nickname: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(`/join/${code}`);
  await page.getByLabel("Nickname").fill(nickname);
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page).toHaveURL(new RegExp(`/play/${code}$`));
  return page;
}

/** The moment the teacher's dashboard sees the student connected (their socket is open). */
async function connectedAt(teacher: Page, nickname: string): Promise<number> {
  const tile = teacher.getByTestId("student-tile").filter({ hasText: nickname });
  await expect(tile).toBeVisible();
  await expect(tile).not.toContainText("Disconnected");
  return Date.now();
}

async function participantIdOf(student: Page, code: string): Promise<string> {
  return student.evaluate((key) => {
    const raw = localStorage.getItem(key);
    return raw ? ((JSON.parse(raw) as { participantId?: string }).participantId ?? "") : "";
  }, `mlp-classroom:participant:${code}`);
}

/** A doctored client: trains a single neuron (it cannot carve XOR) 5 steps, then reports 100 % and a near-zero loss with those weights. */
async function doctoredRun(page: Page, baseURL: string, code: string): Promise<void> {
  const joined = (await (await page.request.post("/api/join", { data: { code, nickname: "Eve" } })).json()) as {
    token: string;
  };
  const socket = io(baseURL, {
    auth: { v: PROTOCOL_VERSION, role: "student", token: joined.token },
    transports: ["websocket"],
    reconnection: false,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("session:state", () => resolve());
      socket.once("connect_error", reject);
    });
    const start = (await socket.emitWithAck("run:start", { choice: { hidden: 0, steps: 5 } })) as {
      ok: boolean;
      runId: string;
      config: RunConfig;
    };
    expect(start.ok).toBe(true);
    const honest = trainedFinish(start.runId, start.config, 5);
    const lie = { ...honest, loss: 0.001, accuracy: 1 };
    expect(await socket.emitWithAck("run:finish", lie)).toEqual({ ok: true });
  } finally {
    socket.disconnect();
  }
}

test("time in class, datasets, a reset run and a doctored run, as the review and CSV show them", async ({
  page: teacher,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await signUpTeacher(teacher, { emailLabel: "trust" });
  const { dashboardUrl, code } = await launchSession(teacher, { title: "Period 7" });
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
  teacher.on("dialog", (dialog) => void dialog.accept());

  const ada = await joinInBrowser(browser, code, "Ada");
  const adaFrom = await connectedAt(teacher, "Ada");
  let chloe = await joinInBrowser(browser, code, "Chloé");
  const chloeFrom = await connectedAt(teacher, "Chloé");
  const adaId = await participantIdOf(ada, code);

  // Ada trains slowly; the teacher resets the class mid-run.
  await ada.getByLabel("Speed").selectOption("slow");
  await ada.getByRole("button", { name: "Train" }).click();
  // Mid-run as the server sees it (the dashboard tile's step), not only on Ada's page.
  const adaTile = teacher.getByTestId("student-tile").filter({ hasText: "Ada" });
  const tileStep = () =>
    adaTile.evaluate((tile) => {
      const label = [...tile.querySelectorAll("span")].find((span) => span.firstChild?.textContent?.startsWith("Step"));
      return Number(label?.querySelector("strong")?.textContent?.replace(/,/g, "") ?? 0);
    });
  await expect.poll(tileStep, { timeout: 20_000 }).toBeGreaterThan(150);
  await teacher.getByRole("button", { name: "Reset all" }).click();
  // Her page restarts a run by itself; at max speed it finishes on XOR.
  await ada.getByLabel("Speed").selectOption("max");

  await doctoredRun(teacher, baseURL ?? "", code);

  // Chloé leaves for a while, then comes back with the same browser.
  await teacher.waitForTimeout(Math.max(0, chloeFrom + FIRST_STAY_MS - Date.now()));
  const chloeContext = chloe.context();
  await chloe.close();
  const chloeLeft = Date.now();
  await expect(teacher.getByTestId("student-tile").filter({ hasText: "Chloé" })).toContainText("Disconnected");
  await teacher.waitForTimeout(AWAY_MS);
  chloe = await chloeContext.newPage();
  await chloe.goto(`/play/${code}`);
  const chloeBack = await connectedAt(teacher, "Chloé");

  // Ada's XOR run finished; then the class moves to circles and she trains there too.
  const detail = async (dataset: string) =>
    (await (await teacher.request.get(`${dashboardUrl}/review/participants/${adaId}?dataset=${dataset}`)).json()) as {
      runs: { outcome: string; steps: number }[];
      chart: { values: (number | null)[][] };
    };
  await expect.poll(async () => (await detail("xor")).runs.some((run) => run.outcome === "finished")).toBe(true);
  await teacher.getByText("Change dataset or defaults for everyone").click();
  await teacher.locator("#settings-dataset").selectOption("circles");
  await teacher.getByRole("button", { name: /^Apply to everyone/ }).click();
  await expect
    .poll(async () => (await detail("circles")).runs.some((run) => run.outcome === "finished"), {
      timeout: 30_000,
    })
    .toBe(true);

  await teacher.getByRole("button", { name: "End session" }).click();
  const endedAt = Date.now();
  await expect(teacher.getByText("Session ended", { exact: true })).toBeVisible();

  // The CSV: a UTF-8 BOM (Excel reads "Chloé"), a row per student and dataset, time in class.
  const response = await teacher.request.get(`${dashboardUrl}/review/export/participants.csv`);
  const bytes = await response.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header = [], ...rows] = parseCsv(bytes.subarray(3).toString("utf8"));
  const records = rows.map((row) => Object.fromEntries(header.map((key, i) => [key, row[i] ?? ""])));
  const of = (nickname: string) => records.filter((record) => record.nickname === nickname);
  expect(of("Ada").map((record) => record.dataset)).toEqual(["xor", "circles"]);
  expect(of("Eve")).toMatchObject([
    { dataset: "xor", verification: "mismatch", reached_target: "false", removed: "false" },
  ]);
  const expectedAda = (endedAt - adaFrom) / 1000;
  const expectedChloe = (chloeLeft - chloeFrom + endedAt - chloeBack) / 1000;
  const measured = { ada: Number(of("Ada")[0]?.time_in_class_s), chloe: Number(of("Chloé")[0]?.time_in_class_s) };
  test.info().annotations.push({
    type: "time in class (s): CSV against the real presence",
    description: `Ada ${measured.ada} vs ${expectedAda.toFixed(1)}, Chloé ${measured.chloe} vs ${expectedChloe.toFixed(1)}`,
  });
  console.log(
    `[presence] Ada ${measured.ada} s vs ${expectedAda.toFixed(1)} s; Chloé ${measured.chloe} s vs ${expectedChloe.toFixed(1)} s`,
  );
  expect(Math.abs(measured.ada - expectedAda)).toBeLessThanOrEqual(expectedAda * PRESENCE_TOLERANCE);
  expect(Math.abs(measured.chloe - expectedChloe)).toBeLessThanOrEqual(expectedChloe * PRESENCE_TOLERANCE);

  // The review page: both datasets named, shown one at a time; the current one first.
  await teacher.goto(`${dashboardUrl}/review`);
  await expect(teacher.getByTestId("review-datasets")).toContainText("xor → circles");
  const tabs = teacher.getByTestId("dataset-tabs");
  await expect(tabs.getByRole("link", { name: /^circles/ })).toHaveAttribute("aria-current", "page");
  await expect(teacher.getByRole("heading", { name: "Participants on circles" })).toBeVisible();
  // The table fits a 1280 px laptop: nothing to scroll sideways for.
  const tableFit = await teacher
    .getByTestId("participants-table")
    .evaluate((table) => [table.parentElement?.scrollWidth ?? 0, table.parentElement?.clientWidth ?? 0]);
  expect(tableFit[0]).toBeLessThanOrEqual((tableFit[1] ?? 0) + 1);
  const adaRow = teacher.getByTestId("participant-row").filter({ hasText: "Ada" });
  await expect(adaRow).toContainText("circles");

  // On XOR: the doctored run is flagged and not reached; the reset run is stopped with its curve.
  await tabs.getByRole("link", { name: /^xor/ }).click();
  await expect(teacher).toHaveURL(/\?dataset=xor$/);
  await expect(teacher.getByRole("heading", { name: "Participants on xor" })).toBeVisible();
  const eveRow = teacher.getByTestId("participant-row").filter({ hasText: "Eve" });
  await expect(eveRow.getByTestId("row-loss")).toContainText("⚠ differs: reported 0.00100");
  await expect(eveRow.getByTestId("row-target")).toContainText("no");
  await expect(teacher.getByTestId("summary-flagged")).toContainText("1");
  // "Reached" counts the server's verdicts only: the CSV's XOR rows, where Eve's claim is false.
  const xorRows = records.filter((record) => record.dataset === "xor");
  const reachedOnXor = xorRows.filter((record) => record.reached_target === "true").length;
  expect(reachedOnXor).toBeGreaterThanOrEqual(1);
  await expect(teacher.getByTestId("summary-reached")).toHaveText(`${reachedOnXor} of ${xorRows.length}`);
  await teacher.getByRole("button", { name: "Details for Ada" }).click();
  const adaDetail = teacher.getByTestId("participant-detail");
  await expect(adaDetail.getByRole("heading", { name: "Runs of Ada on xor" })).toBeVisible();
  await expect(adaDetail.getByText(/more run.? on other datasets/)).toBeVisible();
  const stopped = adaDetail.getByTestId("run-card").filter({ hasText: "Stopped" }).first();
  await expect(stopped).toBeVisible();
  await expect(stopped).not.toContainText(/·\s0 of 2000 steps/);
  // The reset run is stored stopped at the step it had reached, with the curve it had.
  const xorDetail = await detail("xor");
  const resetIndex = xorDetail.runs.findIndex((run) => run.outcome === "stopped" && run.steps > 150);
  expect(resetIndex).toBeGreaterThanOrEqual(0);
  const resetCurve = xorDetail.chart.values[resetIndex]?.filter((value) => value !== null) ?? [];
  expect(resetCurve.length).toBeGreaterThan(10);
  await teacher.screenshot({ path: "test-results/review-xor-of-two-datasets.png", fullPage: true });
});
