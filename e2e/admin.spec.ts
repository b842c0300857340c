import { expect, test } from "@playwright/test";
import { ADMIN, ARTIFACTS, findActiveAnomaly, signIn } from "./helpers";

test("admin dismisses an anomaly with a reason; the page and the API both show it", async ({ page }) => {
  await signIn(page, ADMIN, "/anomalies");
  const anomaly = await findActiveAnomaly(page.request);
  await page.goto(`/anomalies/${anomaly.id}`);
  await expect(page.getByTestId("anomaly-status")).toHaveText("active");

  const open = page.getByRole("button", { name: "Dismiss", exact: true });
  await open.click();
  const dialog = page.getByRole("dialog", { name: "Dismiss anomaly" });
  await expect(dialog).toBeVisible();
  const reasonBox = dialog.getByLabel(/Reason/);
  await expect(reasonBox).toBeFocused();
  // Escape closes without dismissing, and focus returns to the button.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();

  await open.click();
  await expect(dialog).toBeVisible();
  // Focus is trapped: tabbing from the last control comes back inside the dialog.
  for (let i = 0; i < 5; i++) await page.keyboard.press("Tab");
  expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);

  const reason = `Planned migration test ${Date.now()}`;
  await reasonBox.fill(reason);
  await expect(dialog.getByText(`${reason.length}/1000`)).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS}/dismiss-dialog.png` });
  await dialog.getByRole("button", { name: "Confirm dismiss" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("anomaly-status")).toHaveText("dismissed");
  await expect(page.getByTestId("dismiss-reason")).toHaveText(reason);
  await expect(page.getByTestId("dismissed-by")).toHaveText(ADMIN);
  await expect(page.getByRole("button", { name: "Dismiss", exact: true })).toHaveCount(0);

  const res = await page.request.get(`/api/v1/anomalies/${anomaly.id}`);
  const { data } = await res.json();
  expect(data.status).toBe("dismissed");
  expect(data.dismissal.reason).toBe(reason);
  expect(data.dismissal.dismissed_by).toBe(ADMIN);

  // Dismissed anomalies can be filtered.
  await page.goto("/anomalies?status=dismissed&days=3650");
  await expect(page.locator(`[data-anomaly-id="${anomaly.id}"]`)).toBeVisible();
});

test("the dismiss dialog rejects an over-long reason and shows server refusals inline", async ({ page }) => {
  await signIn(page, ADMIN, "/anomalies");
  const anomaly = await findActiveAnomaly(page.request);
  await page.goto(`/anomalies?status=active&days=3650`);
  const row = page.locator(`[data-anomaly-id="${anomaly.id}"]`);
  await row.getByRole("button", { name: "Dismiss" }).click();
  const dialog = page.getByRole("dialog", { name: "Dismiss anomaly" });
  await dialog.getByLabel(/Reason/).fill("x".repeat(1001));
  await expect(dialog.getByText("1001/1000")).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Confirm dismiss" })).toBeDisabled();

  // Make the server refuse (the session ends in another tab): the error shows inline and the row rolls back.
  await dialog.getByLabel(/Reason/).fill("ok");
  await page.context().clearCookies();
  await dialog.getByRole("button", { name: "Confirm dismiss" }).click();
  await expect(dialog.getByRole("alert")).toBeVisible();
  await expect(dialog).toBeVisible();
  await expect(row.getByText("active")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test("admin creates an API key that works against the API, then revokes it", async ({ page, playwright, baseURL }) => {
  await signIn(page, ADMIN, "/settings/api-keys");
  const name = `e2e ${Date.now()}`;
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const keyField = page.getByTestId("new-api-key");
  await expect(keyField).toBeVisible();
  const key = await keyField.inputValue();
  expect(key).toMatch(/^bw_/);
  await expect(page.getByTestId("api-key-row").filter({ hasText: name })).toContainText(key.slice(0, 12));
  await page.screenshot({ path: `${ARTIFACTS}/settings-api-keys.png`, fullPage: true });

  // A separate client with no cookies: only the key authenticates it.
  const apiClient = await playwright.request.newContext({ baseURL });
  const ok = await apiClient.get("/api/v1/anomalies", { headers: { authorization: `Bearer ${key}` } });
  expect(ok.status()).toBe(200);
  expect(Array.isArray((await ok.json()).data)).toBe(true);

  const row = page.getByTestId("api-key-row").filter({ hasText: name });
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog", { name: "Revoke API key" }).getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("revoked");
  await expect.poll(async () => (await apiClient.get("/api/v1/anomalies", { headers: { authorization: `Bearer ${key}` } })).status()).toBe(401);
  await apiClient.dispose();
});

test("website pages show anomalies, the hourly chart and the snippet", async ({ page }) => {
  await signIn(page, ADMIN, "/websites");
  const first = page.locator("main ul li a").first();
  await expect(first).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS}/websites.png`, fullPage: true });
  await first.click();
  await page.waitForURL(/\/websites\/[0-9a-f-]{36}/);
  await expect(page.getByLabel(/Paste before/)).toHaveValue(/tracker\.js" data-website="[0-9a-f-]{36}"/);
  await page.getByLabel("Detected within").selectOption("90d");
  await expect(page).toHaveURL(/range=90d/);
  await expect(page.getByTestId("expected-band-chart").locator("svg .recharts-line-curve").first()).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS}/website-detail.png`, fullPage: true });
});
