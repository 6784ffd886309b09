import { expect, PASSWORD, signUpTeacher, test, uniqueEmail } from "./fixtures";

test("@smoke a new teacher signs up, signs out, signs in and sees the empty home", async ({ page, context }) => {
  const email = uniqueEmail("ada");
  await signUpTeacher(page, { email });
  await expect(page.getByRole("heading", { name: "Your classes" })).toBeVisible();
  await expect(page.getByText("No classes yet")).toBeVisible();

  const [cookie] = (await context.cookies()).filter((c) => c.name === "mlp_teacher");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  expect(cookie?.secure).toBe(false); // plain http in the test; Secure is set under https

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/teacher\/sign-in$/);
  expect((await context.cookies()).some((c) => c.name === "mlp_teacher")).toBe(false);

  await page.getByLabel("Email").fill(email.toUpperCase()); // emails are case-insensitive
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/teacher$/);
  await expect(page.getByText("No classes yet")).toBeVisible();
  await expect(page.getByText(`Signed in as Ada Lovelace (${email})`)).toBeVisible();
});

test("a wrong password gives a clear error and no session", async ({ page, context }) => {
  const email = uniqueEmail("grace");
  await signUpTeacher(page, { email, name: "Grace Hopper" });
  await context.clearCookies();

  await page.goto("/teacher/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /Wrong email or password/ })).toBeVisible();
  await expect(page).toHaveURL(/\/teacher\/sign-in$/);
  expect((await context.cookies()).some((c) => c.name === "mlp_teacher")).toBe(false);
  await page.goto("/teacher");
  await expect(page).toHaveURL(/\/teacher\/sign-in$/);
});

test("sign-up shows what is wrong with the input", async ({ page }) => {
  await page.goto("/teacher/sign-up");
  await page.getByLabel("Name").fill("Short Password");
  await page.getByLabel("Email").fill(uniqueEmail("short"));
  await page.getByLabel("Password").fill("tooshort");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /at least 10 characters/ })).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Name")).toHaveValue("Short Password");
});

test("a signed-out visit to /teacher lands on sign-in", async ({ page }) => {
  await page.goto("/teacher");
  await expect(page).toHaveURL(/\/teacher\/sign-in$/);
  await expect(page.getByRole("heading", { name: "Teacher sign-in" })).toBeVisible();
});

test("@smoke the landing page explains the product and refuses an unknown join code", async ({ page, request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok", database: { status: "up" } });

  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Join a class" })).toBeVisible();
  const hasHorizontalScroll = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(hasHorizontalScroll).toBe(false);

  await page.getByLabel("Join code").fill("zz zz 99");
  await page.getByLabel("Nickname").fill("Alan");
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /No class uses the code ZZZZ99/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Teacher sign-in" })).toBeVisible();
});

test("@smoke pages are served under a strict Content-Security-Policy and still hydrate", async ({ page }) => {
  const response = await page.goto("/teacher/sign-in");
  const policy = response?.headers()["content-security-policy"] ?? "";
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy).not.toContain("unsafe-eval");
  expect(policy).toContain("object-src 'none'");
  // The submit button shows its pending label only when React runs: proof the scripts executed.
  await page.getByLabel("Email").fill("nobody@school.example");
  await page.getByLabel("Password").fill("whatever-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /Wrong email or password/ })).toBeVisible();
  expect(await page.evaluate(() => typeof (window as unknown as { next?: unknown }).next)).toBe("object");
});
