/**
 * The teacher's dashboard in Chromium during the load, with a PerformanceObserver for long tasks
 * (main-thread tasks over 50 ms) installed before any page script runs.
 */
import { type Browser, chromium, type Page } from "@playwright/test";
import { findChromium } from "../e2e/find-chromium";

/** The sign-in cookie's name (server/http/teacher-auth.ts; that module needs a Next request). */
const TEACHER_COOKIE = "mlp_teacher";
/** The e2e suite's flags: Debian's chromium in a container, no GPU, no background traffic. */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Long tasks seen so far: the longest and how many exceeded 100 ms. */
export type LongTasks = { longestMs: number; count: number; over100Ms: number };

/** Runs in the page before its scripts; keeps a tally on window that `reset` and `read` use. */
const OBSERVER_SCRIPT = `
  window.__longTasks = { longestMs: 0, count: 0, over100Ms: 0 };
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const tally = window.__longTasks;
        tally.count += 1;
        if (entry.duration > 100) tally.over100Ms += 1;
        if (entry.duration > tally.longestMs) tally.longestMs = entry.duration;
      }
    }).observe({ type: "longtask", buffered: true });
  } catch (error) {
    window.__longTasks.error = String(error);
  }
`;

/** An open dashboard. */
export type Dashboard = {
  /** HTTP status of the page (404 while the page is not built yet, 200 when it is). */
  status: number;
  /** The path the page ended on: the dashboard's own, or a redirect (sign-in) that means no measurement. */
  path(): string;
  /** The page itself, for scripts that drive it (the scroll bench). */
  page: Page;
  /** Starts a fresh tally (after the page loaded and the class joined). */
  reset(): Promise<void>;
  read(): Promise<LongTasks>;
  close(): Promise<void>;
};

/** Opens /teacher/sessions/<classId> signed in with `cookieToken`. */
export async function openDashboard(url: string, classId: string, cookieToken: string): Promise<Dashboard> {
  const executablePath = await findChromium();
  if (!executablePath) throw new Error("No Chromium found: apt-get install chromium, or set CHROMIUM_PATH");
  const browser: Browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.addCookies([{ name: TEACHER_COOKIE, value: cookieToken, url }]);
  await context.addInitScript({ content: OBSERVER_SCRIPT });
  const page: Page = await context.newPage();
  const response = await page.goto(`${url}/teacher/sessions/${classId}`, { waitUntil: "load" });
  const read = async (): Promise<LongTasks> =>
    page.evaluate(() => {
      const tally = (window as unknown as { __longTasks: LongTasks }).__longTasks;
      return { longestMs: tally.longestMs, count: tally.count, over100Ms: tally.over100Ms };
    });
  return {
    status: response?.status() ?? 0,
    path: () => new URL(page.url()).pathname,
    page,
    async reset() {
      await page.evaluate(() => {
        (window as unknown as { __longTasks: LongTasks }).__longTasks = { longestMs: 0, count: 0, over100Ms: 0 };
      });
    },
    read,
    close: () => browser.close(),
  };
}

/**
 * {@link openDashboard}, or why there is no dashboard to measure: a page that did not open, a
 * stale build's 404, a redirect to sign-in. The load goes on without it (`dashboard` null).
 */
export async function openDashboardOrNote(
  url: string,
  classId: string,
  cookieToken: string,
): Promise<{ dashboard: Dashboard | null; note: string }> {
  let dashboard: Dashboard | null = null;
  try {
    dashboard = await openDashboard(url, classId, cookieToken);
  } catch (error) {
    return { dashboard: null, note: `could not open: ${error instanceof Error ? error.message : String(error)}` };
  }
  const expectedPath = `/teacher/sessions/${classId}`;
  if (dashboard.status !== 200)
    return { dashboard, note: `the page answered HTTP ${dashboard.status} (a stale build? rerun with --build)` };
  if (dashboard.path() !== expectedPath)
    return { dashboard, note: `the page went to ${dashboard.path()}, not the dashboard` };
  return { dashboard, note: "" };
}
