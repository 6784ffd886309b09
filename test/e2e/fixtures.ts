import { test as base, expect } from "@playwright/test";

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
