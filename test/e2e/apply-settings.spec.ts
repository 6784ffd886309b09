/**
 * "Apply to everyone" in Chromium with three students training in real browsers and a simulated
 * one: the teacher is asked first (dismissing changes nothing), then every student's next run —
 * started by itself in each browser — is stored with the pushed settings, and each form shows them
 * (the unlocked init seed is each student's own, made from the pushed one; a bot trains the pushed one).
 * Before the fix, browsers restarted with the old hidden units, steps and seed (the page started
 * the new run before its own form state caught up), while bots used the new ones.
 */
import type { Browser, Page } from "@playwright/test";
import { studentInitSeed } from "@/lib/classroom/student-seed";
import { type Bot, createBot } from "@/server/simulator/bot";
import { expect, launchSession, signUpTeacher, test } from "./fixtures";

const PUSHED = { dataset: "circles", hidden: 4, steps: 1500, initSeed: 7 } as const;

async function joinInBrowser(browser: Browser, code: string, nickname: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1024, height: 800 } })).newPage();
  await page.goto(`/join/${code}`);
  await page.getByLabel("Nickname").fill(nickname);
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page).toHaveURL(new RegExp(`/play/${code}$`));
  return page;
}

async function participantIdOf(student: Page, code: string): Promise<string> {
  return student.evaluate((key) => {
    const raw = localStorage.getItem(key);
    return raw ? ((JSON.parse(raw) as { participantId?: string }).participantId ?? "") : "";
  }, `mlp-classroom:participant:${code}`);
}

type StoredRun = { config: Record<string, unknown>; startedAt: string };

test("Apply to everyone asks first, then every student's next run uses the pushed settings", async ({
  page: teacher,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await signUpTeacher(teacher, { emailLabel: "apply" });
  const { dashboardUrl, code } = await launchSession(teacher, { title: "Apply to everyone" });

  const nicknames = ["Ada", "Bob", "Chloé"];
  const students: Page[] = [];
  for (const nickname of nicknames) students.push(await joinInBrowser(browser, code, nickname));
  const bot: Bot = createBot({ url: baseURL ?? "", code, nickname: "Bot", speed: "slow" });
  try {
    await bot.start();
    for (const student of students) {
      // Slow: every run is still going when the teacher applies.
      await student.getByLabel("Speed").selectOption("slow");
      await student.getByRole("button", { name: "Train" }).click();
      await expect(student.getByTestId("status")).toContainText("Training");
    }
    await expect(teacher.getByTestId("student-tile")).toHaveCount(4);
    const ids = await Promise.all(students.map((student) => participantIdOf(student, code)));
    const runsOf = async (id: string, dataset: string) =>
      (
        (await (await teacher.request.get(`${dashboardUrl}/review/participants/${id}?dataset=${dataset}`)).json()) as {
          runs: StoredRun[];
        }
      ).runs;
    for (const id of ids) await expect.poll(async () => (await runsOf(id, "xor")).length).toBe(1);

    await teacher.getByText("Change dataset or defaults for everyone").click();
    await teacher.locator("#settings-dataset").selectOption(PUSHED.dataset);
    await teacher.locator("#settings-hidden").fill(String(PUSHED.hidden));
    await teacher.locator("#settings-steps").fill(String(PUSHED.steps));
    await teacher.locator("#settings-initSeed").fill(String(PUSHED.initSeed));

    // First the teacher says no: nothing is applied, every run goes on.
    const asked: string[] = [];
    teacher.once("dialog", (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await teacher.getByRole("button", { name: /^Apply to everyone/ }).click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toMatch(/reset/i);
    for (const id of ids) {
      expect(await runsOf(id, "xor")).toHaveLength(1);
      expect(await runsOf(id, PUSHED.dataset)).toHaveLength(0);
    }

    // Then yes: every browser restarts by itself, with the pushed settings.
    teacher.once("dialog", (dialog) => void dialog.accept());
    await teacher.getByRole("button", { name: /^Apply to everyone/ }).click();
    for (const [i, id] of ids.entries()) {
      const student = students[i] as Page;
      const nickname = nicknames[i] ?? "";
      await expect
        .poll(async () => (await runsOf(id, PUSHED.dataset)).length, {
          message: `${nickname}: a circles run`,
          timeout: 30_000,
        })
        .toBeGreaterThanOrEqual(1);
      const [next] = await runsOf(id, PUSHED.dataset);
      // The seed is unlocked: each browser trains from its own seed, made from the pushed one.
      const ownSeed = studentInitSeed(PUSHED.initSeed, id);
      expect(next?.config, `${nickname}'s next run`).toMatchObject({ ...PUSHED, initSeed: ownSeed });
      await expect(student.getByLabel("Init seed")).toHaveValue(String(ownSeed));
      await expect(student.getByLabel("Hidden units"), `${nickname}'s form`).toHaveValue(String(PUSHED.hidden));
      await expect(student.getByLabel("Steps")).toHaveValue(String(PUSHED.steps));
    }
    const botId =
      (await teacher.getByTestId("student-tile").filter({ hasText: "Bot" }).getAttribute("data-participant-id")) ?? "";
    await expect
      .poll(async () => (await runsOf(botId, PUSHED.dataset)).length, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(1);
    // A bot asks for nothing: it trains the class's pushed seed itself.
    expect((await runsOf(botId, PUSHED.dataset))[0]?.config).toMatchObject(PUSHED);
    const seeds = await Promise.all(students.map((student) => student.getByLabel("Init seed").inputValue()));
    expect(new Set(seeds).size, "every browser student starts from a different seed").toBe(students.length);
  } finally {
    bot.stop();
  }
});
