import { expect, test } from "@playwright/test";
import { ANALYST, ARTIFACTS, DEMO_PASSWORD } from "./helpers";

test("a signed-out visit redirects to /login and returns to the page after sign-in", async ({ page }) => {
  await page.goto("/anomalies?type=cost");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fanomalies%3Ftype%3Dcost/);
  await page.screenshot({ path: `${ARTIFACTS}/login.png` });
  await page.getByLabel("Email").fill(ANALYST);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/anomalies\?type=cost$/);
  await expect(page.getByRole("heading", { name: "Cloud anomalies" })).toBeVisible();
  await expect(page.getByLabel("Type")).toHaveValue("cost");
});

test("a wrong password shows an inline error and no session", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ANALYST);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "incorrect" })).toBeVisible();
  const res = await page.request.get("/api/internal/api-keys");
  expect(res.status()).toBe(401);
});

test("signing out ends the session", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ANALYST);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsettings/);
});
