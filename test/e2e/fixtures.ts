import { test as base, expect, type Page } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import { PROTOCOL_VERSION } from "@/lib/protocol";

/**
 * Every e2e test fails if the page reports a Content-Security-Policy violation: the pages run
 * under a strict nonce-based policy, and a blocked script would otherwise fail silently.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      await context.exposeBinding("__reportCspViolation", (_source, message: string) => {
        violations.push(message);
      });
      await context.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (event) => {
          const report = (window as unknown as { __reportCspViolation: (m: string) => void }).__reportCspViolation;
          report(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}`);
        });
      });
      await use(violations);
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The password every e2e teacher signs up with (long enough for the sign-up rules). */
export const PASSWORD = "a-long-passphrase";

/** An address no other test (or run) has used: `label` keeps the server's logs readable. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@school.example`;
}

/** A new teacher signs up through the form (a fresh address unless `email`) and lands on /teacher; returns the page, signed in. */
export async function signUpTeacher(
  page: Page,
  {
    name = "Ada Lovelace",
    emailLabel = "teacher",
    email = uniqueEmail(emailLabel),
    timeoutMs,
  }: { name?: string; emailLabel?: string; email?: string; timeoutMs?: number } = {},
): Promise<Page> {
  await page.goto("/teacher/sign-up");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/teacher$/, timeoutMs === undefined ? {} : { timeout: timeoutMs });
  return page;
}

/**
 * The signed-in teacher launches a class from the new-session form (`path`: e.g. with a lesson),
 * with `fill` setting fields beyond the title, and lands on its dashboard.
 */
export async function launchSession(
  page: Page,
  {
    title,
    path = "/teacher/sessions/new",
    fill,
  }: { title: string; path?: string; fill?: (page: Page) => Promise<void> },
): Promise<{ dashboardUrl: string; code: string }> {
  await page.goto(path);
  await page.getByLabel("Title").fill(title);
  await fill?.(page);
  await page.getByRole("button", { name: "Launch session" }).click();
  await expect(page).toHaveURL(/\/teacher\/sessions\/(?!new$)[^/]+$/);
  return { dashboardUrl: new URL(page.url()).pathname, code: await readJoinCode(page) };
}

/** The join code a dashboard or projector shows (spelled out for screen readers, then in huge type: the last 6 characters). */
export async function readJoinCode(page: Page): Promise<string> {
  const text = (await page.getByTestId("join-code").textContent()) ?? "";
  const code = text.trim().match(/[2-9A-HJKMNP-Z]{6}$/)?.[0] ?? "";
  expect(code).not.toBe("");
  return code;
}

/**
 * A student the way a browser is one, without a page: POST /api/join, then a student socket;
 * resolves once the server greeted it (session:state).
 */
export async function joinStudentSocket(page: Page, baseURL: string, code: string, nickname: string): Promise<Socket> {
  const response = await page.request.post("/api/join", { data: { code, nickname } });
  const joined = (await response.json()) as { ok: boolean; token?: string };
  expect(joined.ok).toBe(true);
  const socket: Socket = io(baseURL, {
    auth: { v: PROTOCOL_VERSION, role: "student", token: joined.token },
    transports: ["websocket"],
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("session:state", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}
