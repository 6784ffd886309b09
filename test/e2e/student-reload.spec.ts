/**
 * A reload keeps what the student had (issue 9 item 10): the last run's settings, map and curve
 * come back from the server (session:state's lastRun; the Worker starts empty after a reload), and
 * an edit not yet trained with comes back from this browser's storage. Before the first run the
 * page already draws the untrained net (item 12), not a blank map and loss panel.
 */
import type { Page } from "@playwright/test";
import { expect, launchSession, readJoinCode, signUpTeacher, test } from "./fixtures";

const MAP = /^Decision map of your network/;
const CURVE = "Your loss curve: training loss by step";
/** The curve's ink, #0f172a (training-panel's CURVE_COLOR). */
const CURVE_RGB = [15, 23, 42] as const;

/** A new teacher's class, with the page on its projector view; returns the join code. */
async function launchOnProjector(page: Page): Promise<string> {
  await signUpTeacher(page, { emailLabel: "reload" });
  const { dashboardUrl } = await launchSession(page, { title: "Reloads" });
  await page.goto(`${dashboardUrl}/present`);
  return readJoinCode(page);
}

/** Distinct colours on the decision map's canvas: a blank or one-colour canvas has ≤ 2. */
async function mapColours(page: Page): Promise<number> {
  return page.getByRole("img", { name: MAP }).evaluate((element) => {
    const canvas = element as HTMLCanvasElement;
    const data = canvas.getContext("2d")?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4)
      colours.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
    return colours.size;
  });
}

/** Pixels of the curve's ink on the loss chart's canvases (uPlot draws the series there). */
async function curvePixels(page: Page): Promise<number> {
  return page.getByRole("img", { name: CURVE }).evaluate((element, rgb) => {
    let count = 0;
    for (const canvas of element.querySelectorAll("canvas")) {
      const data = canvas.getContext("2d")?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
      for (let i = 0; i < data.length; i += 4)
        if (data[i] === rgb[0] && data[i + 1] === rgb[1] && data[i + 2] === rgb[2] && (data[i + 3] ?? 0) > 200) count++;
    }
    return count;
  }, CURVE_RGB);
}

test("@student a reload restores the last run's settings, map and curve, and an unsent edit", async ({
  page: teacher,
  browser,
}) => {
  test.setTimeout(120_000);
  const code = await launchOnProjector(teacher);
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const student = await context.newPage();
  await student.goto(`/join/${code}`);
  await student.getByLabel("Nickname").fill("Grace");
  await student.getByRole("button", { name: "Join" }).click();
  await expect(student).toHaveURL(new RegExp(`/play/${code}$`));

  // Before any run: the untrained net's map and its loss at step 0 are drawn at once.
  await expect(student.getByTestId("loss")).not.toHaveText("–");
  await expect(student.getByTestId("step-counter")).toHaveText("0 / 2,000");
  await expect.poll(() => mapColours(student)).toBeGreaterThan(2);
  await student.screenshot({ path: test.info().outputPath("untrained-net.png"), fullPage: true });

  await student.getByLabel("Hidden units").fill("32");
  await student.getByLabel("Optimizer").selectOption("adam");
  await student.getByLabel("Learning rate").fill("0.03");
  await student.getByLabel("Steps").fill("1500");
  await student.getByLabel("Speed").selectOption("max");
  await student.getByRole("button", { name: "Train" }).click();
  await expect(student.getByTestId("status")).toContainText(/Reached|Finished/, { timeout: 60_000 });
  await expect(student.getByTestId("step-counter")).toHaveText("1,500 / 1,500");
  const loss = await student.getByTestId("loss").textContent();

  // The settings must come from the server, not only this browser: forget the kept form first.
  await student.evaluate((prefix) => {
    for (const key of Object.keys(localStorage)) if (key.startsWith(prefix)) localStorage.removeItem(key);
  }, "mlp-classroom:form:");
  await student.reload();
  await expect(student.getByLabel("Hidden units")).toHaveValue("32");
  await expect(student.getByLabel("Optimizer")).toHaveValue("adam");
  await expect(student.getByLabel("Learning rate")).toHaveValue("0.03");
  await expect(student.getByLabel("Steps")).toHaveValue("1500");
  await expect(student.getByTestId("step-counter")).toHaveText("1,500 / 1,500");
  await expect(student.getByTestId("loss")).toHaveText(loss ?? "");
  await expect(student.getByTestId("status")).toContainText(/Reached|Finished/);
  await expect.poll(() => mapColours(student)).toBeGreaterThan(2);
  // A whole curve, not the one dot of an untrained net.
  await expect.poll(() => curvePixels(student)).toBeGreaterThan(150);
  // The net itself comes back from the stored final weights: the network view is drawn again.
  await expect(student.getByText("The network appears here once a run starts.")).toHaveCount(0);
  await student.screenshot({ path: test.info().outputPath("after-reload.png"), fullPage: true });

  // An edit not trained with yet survives a reload (kept in this browser), the rest stays the run's.
  await student.getByLabel("Learning rate").fill("0.07");
  await student.getByLabel("Learning rate").blur();
  await student.reload();
  await expect(student.getByLabel("Learning rate")).toHaveValue("0.07");
  await expect(student.getByLabel("Hidden units")).toHaveValue("32");
  await expect(student.getByTestId("step-counter")).toHaveText("1,500 / 1,500");
  await context.close();
});
