import { expect, test } from "@playwright/test";
import { ANALYST, ARTIFACTS, anyAnomaly, signIn } from "./helpers";

test("analyst filters the list, opens a detail page with chart and breakdown, and cannot dismiss", async ({ page }) => {
  await signIn(page, ANALYST, "/");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("timeline-chart").locator("svg .recharts-bar-rectangle").first()).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS}/overview.png`, fullPage: true });

  await page.goto("/anomalies?days=3650");
  // The table asks the API with the same parameter names the URL uses.
  const filtered = page.waitForResponse((r) => r.url().includes("/api/v1/anomalies?") && r.url().includes("type=cost") && r.url().includes("days=3650"));
  await page.getByLabel("Type").selectOption("cost");
  expect((await filtered).status()).toBe(200);
  await expect(page).toHaveURL(/type=cost/);
  await expect(page).toHaveURL(/days=3650/);
  const rows = page.getByTestId("anomaly-row");
  await expect(rows.first()).toBeVisible();
  await expect.poll(async () => [...new Set(await rows.locator("td:nth-child(2) > span:first-child").allTextContents())]).toEqual(["cost"]);
  // The filtered view is shareable: reloading the URL shows the same filter.
  await page.reload();
  await expect(page.getByLabel("Type")).toHaveValue("cost");
  await expect(page.getByRole("button", { name: "Dismiss", exact: true })).toHaveCount(0);
  await page.screenshot({ path: `${ARTIFACTS}/anomalies.png`, fullPage: true });

  const link = rows.first().getByRole("link");
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/anomalies\/\d+$/);
  await link.click();
  await page.waitForURL(`**${href}`);

  const chart = page.getByTestId("expected-band-chart");
  await expect(chart.locator("svg .recharts-area-area")).toHaveCount(1);
  await expect(chart.locator("svg .recharts-line-curve")).toHaveCount(2);
  await expect(chart.locator("svg .recharts-reference-line")).toHaveCount(1);
  await expect(page.getByTestId("services-table").locator("tbody tr").first()).toBeVisible();
  await expect(page.getByTestId("service-breakdown-chart").locator("svg .recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Dismiss" })).toHaveCount(0);
  await page.screenshot({ path: `${ARTIFACTS}/anomaly-detail.png`, fullPage: true });

  // A hidden button is not a permission: a forged request with the analyst's cookie is refused.
  const id = Number(href!.split("/").pop());
  const forged = await page.request.post(`/api/v1/anomalies/${id}/dismiss`, { data: { reason: "forged" } });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error.code).toBe("forbidden");
  const after = await page.request.get(`/api/v1/anomalies/${id}`);
  expect((await after.json()).data.dismissal?.reason ?? null).not.toBe("forged");
});

test("analyst sees settings read-only and cannot create API keys", async ({ page }) => {
  await signIn(page, ANALYST, "/settings/api-keys");
  await expect(page.getByRole("button", { name: "Create key" })).toHaveCount(0);
  const forged = await page.request.post("/api/internal/api-keys", { data: { name: "forged" } });
  expect(forged.status()).toBe(403);
  await page.goto("/settings");
  await expect(page.getByTestId("plan")).toHaveText("pro");
  await expect(page.getByTestId("credits-remaining")).toContainText("left");
});

test("a mobile-size viewport renders the detail page without horizontal scrolling", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, ANALYST, "/");
  const anomaly = await anyAnomaly(page.request);
  await page.goto(`/anomalies/${anomaly.id}`);
  await expect(page.getByTestId("expected-band-chart").locator("svg .recharts-line-curve").first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${ARTIFACTS}/anomaly-detail-mobile.png`, fullPage: true });
  await context.close();
});
