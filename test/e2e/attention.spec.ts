import type { Page } from "@playwright/test";
import { STUCK_CELL_ATTEMPTS } from "@/lib/classroom/attention";
import { expect, joinStudentSocket, launchSession, signUpTeacher, test } from "./fixtures";

/** A simulated student as a browser would be one: POST /api/join, then a socket that checks cells. */
async function joinSimulatedStudent(page: Page, baseURL: string, code: string, nickname: string) {
  const socket = await joinStudentSocket(page, baseURL, code, nickname);
  return {
    async startRun() {
      const started = (await socket.timeout(5000).emitWithAck("run:start", { choice: {} })) as { ok: boolean };
      expect(started.ok).toBe(true);
    },
    /** Fails cell 2's check `count` times, each acked (stored) before the next. */
    async failCell(count: number) {
      for (let i = 0; i < count; i++) {
        const ack = (await socket
          .timeout(5000)
          .emitWithAck("cell:check", { cell: 2, isPassed: false, error: "shape (2,) vs (8,)" })) as { ok: boolean };
        expect(ack.ok).toBe(true);
      }
    },
    stop: () => socket.disconnect(),
  };
}

test("a stuck student shows under Needs attention; marking it seen clears it and a worse condition brings it back", async ({
  page,
  context,
  browser,
  baseURL,
}) => {
  const setup = await signUpTeacher(await (await browser.newContext()).newPage(), {
    name: "Mary Somerville",
    emailLabel: "attention",
  });
  const { dashboardUrl } = await launchSession(setup, { title: "Attention drill" });
  await context.addCookies(await setup.context().cookies());
  await setup.context().close();

  const teacher = page;
  await teacher.goto(dashboardUrl);
  await expect(teacher.getByTestId("feed-status")).toHaveText(/Live/);
  const code = (await teacher.getByTestId("join-code").textContent())?.trim() ?? "";
  const filter = teacher.getByTestId("attention-filter");
  await expect(filter).toHaveText(/Needs attention \(0\)/);

  const linus = await joinSimulatedStudent(teacher, baseURL ?? "", code, "Linus");
  const ada = await joinSimulatedStudent(teacher, baseURL ?? "", code, "Ada");
  await ada.startRun();
  await expect(teacher.getByTestId("student-tile")).toHaveCount(2);

  // Stuck: the checks that make the flag; within a second or two it is on the tile, in words.
  await linus.failCell(STUCK_CELL_ATTEMPTS);
  await expect(filter).toHaveText(/Needs attention \(1\)/, { timeout: 10_000 });
  await filter.click();
  await expect(filter).toHaveAttribute("aria-pressed", "true");
  const tiles = teacher.getByTestId("student-tile");
  await expect(tiles).toHaveCount(1);
  const linusTile = tiles.filter({ hasText: "Linus" });
  await expect(linusTile).toHaveCount(1);
  const flag = linusTile.getByTestId("attention-flag");
  await expect(flag).toHaveAttribute("data-kind", "stuckCell");
  await expect(flag).toHaveAttribute("data-seen", "false");
  const badge = flag.getByRole("button", { name: /^Stuck on a cell/ });
  // The icon is decoration; the words carry the flag, and the reason is the badge's description.
  await expect(badge).toHaveText(/Stuck on a cell/);
  await expect(badge).toHaveAccessibleDescription(/Cell 2: 5 failed checks/);
  await expect(badge).toHaveAttribute("title", /Cell 2: 5 failed checks/);

  // Keyboard: Tab from the tile's snapshot button (just before the flags) reaches the flag, and its reason shows.
  await linusTile.getByRole("button", { name: "Snapshot Linus" }).focus();
  await teacher.keyboard.press("Tab");
  await expect(badge).toBeFocused();
  await expect(flag.getByRole("tooltip")).toBeVisible();
  await expect(flag.getByRole("tooltip")).toHaveText(/Cell 2: 5 failed checks/);

  // Sorted by flag, the flagged student comes first.
  await filter.click();
  await expect(tiles).toHaveCount(2);
  await teacher.getByLabel("Sort by").selectOption({ label: "Flags (most urgent first)" });
  await expect(tiles.first()).toContainText("Linus");

  // Marked seen: the count clears and the flag stays listed as seen, without its button.
  await flag.getByRole("button", { name: "Mark Stuck on a cell seen for Linus" }).click();
  await expect(filter).toHaveText(/Needs attention \(0\)/);
  await expect(flag).toHaveAttribute("data-seen", "true");
  await expect(badge).toHaveText(/\(seen\)/);
  await expect(flag.getByRole("button", { name: /^Mark / })).toHaveCount(0);
  await filter.click();
  await expect(teacher.getByText("Nobody needs attention now.")).toBeVisible();

  // Worse (twice the failed checks): back under Needs attention.
  await linus.failCell(STUCK_CELL_ATTEMPTS);
  await expect(filter).toHaveText(/Needs attention \(1\)/, { timeout: 10_000 });
  await expect(tiles).toHaveCount(1);
  await expect(tiles.first().getByTestId("attention-flag")).toHaveAttribute("data-seen", "false");
  await expect(tiles.first().getByRole("button", { name: /^Stuck on a cell/ })).toHaveAccessibleDescription(
    /10 failed checks/,
  );

  // After a reload (a new snapshot from the server) the seen state is the server's, not the page's.
  await teacher.reload();
  await expect(teacher.getByTestId("attention-filter")).toHaveText(/Needs attention \(1\)/);

  linus.stop();
  ada.stop();
});
