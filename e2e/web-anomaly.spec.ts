// Issue 15 part 1 in Chromium: a website's anomaly opens its own page (hourly chart with the
// expected band, extent, resolution, history); an admin dismisses it with a reason and undoes
// it; an alert's ?dismiss=1 link lands in the dialog; per-site settings save and validate.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN, ANALYST, ARTIFACTS, signIn } from "./helpers";

type Listed = { id: string; status: string; metric_name: string };

/** A website of the demo organization with an active anomaly, found by querying (tests share their database copy). */
async function siteWithActiveAnomaly(request: APIRequestContext, pick: "first" | "last" = "first"): Promise<{ websiteId: string; anomaly: Listed }> {
  const sites = (await (await request.get("/api/internal/websites")).json()) as { data: Array<{ id: string }> };
  for (const site of sites.data) {
    const res = await request.get(`/api/internal/websites/${site.id}/anomalies?range=90d&limit=200`);
    const page = (await res.json()) as { data: { anomalies: Listed[] } };
    const active = page.data.anomalies.filter((a) => a.status === "active");
    // Tests that change an anomaly take different ones, so they can run side by side.
    const anomaly = pick === "first" ? active[0] : active[active.length - 1];
    if (anomaly) return { websiteId: site.id, anomaly };
  }
  throw new Error("the demo data should have an active web anomaly");
}

async function waitForChart(page: Page) {
  await expect(page.getByTestId("expected-band-chart").locator("svg .recharts-line-curve").first()).toBeVisible();
}

test("a web anomaly opens its own page from the website's list, with its chart, extent and resolution", async ({ page }) => {
  await signIn(page, ANALYST, "/websites");
  const { websiteId, anomaly } = await siteWithActiveAnomaly(page.request);
  await page.goto(`/websites/${websiteId}?range=90d`);
  await page.locator(`a[href="/websites/${websiteId}/anomalies/${anomaly.id}"]`).first().click();
  await page.waitForURL(new RegExp(`/websites/${websiteId}/anomalies/${anomaly.id}$`));
  await waitForChart(page);
  await expect(page.getByTestId("web-anomaly-extent")).toContainText(/hour/);
  await expect(page.getByTestId("web-anomaly-resolution")).toHaveText(/Back to normal|Ongoing/);
  await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
  // Analysts read; only admins dismiss.
  await expect(page.getByRole("button", { name: "Dismiss", exact: true })).toHaveCount(0);
  await page.screenshot({ path: `${ARTIFACTS}/web-anomaly.png`, fullPage: true });
});

test("admin: dismiss with a reason, then undo; the history records both", async ({ page }) => {
  await signIn(page, ADMIN, "/websites");
  const { websiteId, anomaly } = await siteWithActiveAnomaly(page.request, "last");
  await page.goto(`/websites/${websiteId}/anomalies/${anomaly.id}`);
  await waitForChart(page);
  await page.getByRole("button", { name: "Dismiss", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Dismiss anomaly" });
  await expect(dialog.getByLabel(/Reason/)).toBeFocused();
  const reason = `Campaign launch ${Date.now()}`;
  await dialog.getByLabel(/Reason/).fill(reason);
  await dialog.getByRole("button", { name: "Confirm dismiss" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("anomaly-status")).toHaveText("dismissed");
  await expect(page.getByTestId("dismiss-reason")).toHaveText(reason);
  await expect(page.getByTestId("dismissed-by")).toHaveText(ADMIN);

  // The server agrees, after a reload too.
  await page.reload();
  await expect(page.getByTestId("anomaly-status")).toHaveText("dismissed");
  await page.getByRole("button", { name: "Undo dismiss" }).click();
  await expect(page.getByTestId("anomaly-status")).toHaveText("active");
  await expect(page.getByTestId("dismissal")).toHaveCount(0);
  const history = page.getByTestId("history-entry");
  await expect(history.filter({ hasText: "Dismissed" }).filter({ hasText: reason })).toHaveCount(1);
  await expect(history.filter({ hasText: "Reopened" })).not.toHaveCount(0);
  const detail = (await (await page.request.get(`/api/v1/web-anomalies/${anomaly.id}`)).json()) as { data: { status: string } };
  expect(detail.data.status).toBe("active");
});

test("an alert's ?dismiss=1 link (old and new form) lands in the dismiss dialog; Escape drops the parameter", async ({ page }) => {
  await signIn(page, ADMIN, "/websites");
  const { websiteId, anomaly } = await siteWithActiveAnomaly(page.request);
  // Links sent by earlier releases pointed at the website page with ?anomaly=…
  await page.goto(`/websites/${websiteId}?anomaly=${anomaly.id.slice(5)}&dismiss=1`);
  await page.waitForURL((url) => url.pathname.endsWith(`/anomalies/${anomaly.id.slice(5)}`));
  const dialog = page.getByRole("dialog", { name: "Dismiss anomaly" });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/anomalies\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("anomaly-status")).toHaveText("active");
});

test("admin: per-site settings validate and save", async ({ page }) => {
  await signIn(page, ADMIN, "/websites");
  const { websiteId } = await siteWithActiveAnomaly(page.request);
  await page.goto(`/websites/${websiteId}`);
  await page.getByRole("link", { name: "Detection settings" }).click();
  await page.waitForURL(new RegExp(`/websites/${websiteId}/settings$`));
  await page.getByLabel("IANA time zone").fill("Mars/Olympus");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/not a known IANA time zone/)).toBeVisible();
  await page.getByLabel("IANA time zone").fill("Europe/Berlin");
  await page.getByLabel("Minimum daily pageviews to judge the site").fill("0");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("IANA time zone")).toHaveValue("Europe/Berlin");
});
