// Issue 14 on the anomaly page: once the provider is linked to a website, the page draws the
// provider's spend and the site's visitors together and says what traffic explains.
import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./helpers";

test("admin: linking a website to the provider adds the cost-and-traffic chart to its anomaly page", async ({ page }) => {
  await signIn(page, ADMIN, "/anomalies");
  const anomalies = await page.request.get("/api/v1/anomalies?status=active&type=cost&days=3650");
  const anomaly = ((await anomalies.json()) as { data: Array<{ id: number; provider_id: number; metric: string }> }).data.find((a) => a.metric === "cost");
  expect(anomaly, "the demo data should have an active cost anomaly").toBeTruthy();
  const websites = await page.request.get("/api/internal/websites");
  expect(websites.status()).toBe(200);
  const site = ((await websites.json()) as { data: Array<{ id: string }> }).data[0];

  // Before: no link, no card.
  await page.goto(`/anomalies/${anomaly!.id}`);
  await expect(page.getByTestId("expected-band-chart").locator("svg .recharts-line-curve").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Cost and traffic" })).toHaveCount(0);

  const linked = await page.request.post(`/api/v1/providers/${anomaly!.provider_id}/links`, { data: { website_id: site.id } });
  expect(linked.status()).toBe(201);
  try {
    await page.reload();
    const card = page.getByRole("region", { name: "Cost and traffic" });
    await expect(card).toBeVisible();
    await expect(card.getByTestId("cost-traffic-verdict")).toContainText(/traffic/i);
    await expect(card.locator("svg .recharts-line-curve").first()).toBeVisible();
    await expect(card.locator("svg .recharts-bar-rectangle").first()).toBeVisible();
  } finally {
    await page.request.delete(`/api/v1/providers/${anomaly!.provider_id}/links?website_id=${site.id}`);
  }
});
