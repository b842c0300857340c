// Slack alerts link to /anomalies/<id>?dismiss=1: an admin lands in the dismiss dialog of an
// active anomaly (also after signing in first); closing it drops the parameter without a
// reload. Analysts, and anomalies that are already dismissed, get the normal page.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, ANALYST, DEMO_PASSWORD, findActiveAnomaly, signIn, type ListedAnomaly } from "./helpers";

/** The chart is drawn on the client, so once it is there the page has hydrated and any auto-open would have happened. */
async function waitForHydratedDetail(page: Page) {
  await expect(page.getByTestId("expected-band-chart").locator("svg .recharts-line-curve").first()).toBeVisible();
}

async function dismissedAnomaly(page: Page): Promise<ListedAnomaly | undefined> {
  const res = await page.request.get("/api/v1/anomalies?status=dismissed&type=cost&days=3650");
  return ((await res.json()) as { data: ListedAnomaly[] }).data[0];
}

test("admin: ?dismiss=1 opens the dialog; Escape closes it and drops the parameter without a reload", async ({ page }) => {
  await signIn(page, ADMIN, "/anomalies");
  const anomaly = await findActiveAnomaly(page.request);
  await page.goto(`/anomalies/${anomaly.id}?dismiss=1`);
  const dialog = page.getByRole("dialog", { name: "Dismiss anomaly" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel(/Reason/)).toBeFocused();

  // A marker on window survives only if the page is not reloaded.
  await page.evaluate(() => ((window as unknown as { e2eMarker: string }).e2eMarker = "same document"));
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/anomalies/${anomaly.id}$`));
  expect(await page.evaluate(() => (window as unknown as { e2eMarker?: string }).e2eMarker)).toBe("same document");
  await expect(page.getByTestId("anomaly-status")).toHaveText("active");
  // Focus goes somewhere useful rather than back to the top of the document.
  await expect(page.getByRole("button", { name: "Dismiss", exact: true })).toBeFocused();

  // The button still opens it by hand, and a reload of the cleaned URL does not reopen it.
  await page.getByRole("button", { name: "Dismiss", exact: true }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await waitForHydratedDetail(page);
  await expect(dialog).toBeHidden();
});

test("signed out: the Slack link goes through sign-in and lands in the dialog; confirming dismisses", async ({ page }) => {
  await signIn(page, ADMIN, "/anomalies");
  const anomaly = await findActiveAnomaly(page.request);
  await page.context().clearCookies();

  await page.goto(`/anomalies/${anomaly.id}?dismiss=1`);
  await page.waitForURL((url) => url.pathname === "/login");
  expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe(`/anomalies/${anomaly.id}?dismiss=1`);
  await page.getByLabel("Email").fill(ADMIN);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === `/anomalies/${anomaly.id}`);

  const dialog = page.getByRole("dialog", { name: "Dismiss anomaly" });
  await expect(dialog).toBeVisible();
  const reason = `From the Slack alert ${Date.now()}`;
  await dialog.getByLabel(/Reason/).fill(reason);
  await dialog.getByRole("button", { name: "Confirm dismiss" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("anomaly-status")).toHaveText("dismissed");
  await expect(page.getByTestId("dismiss-reason")).toHaveText(reason);
  await expect(page).toHaveURL(new RegExp(`/anomalies/${anomaly.id}$`));
  const { data } = await (await page.request.get(`/api/v1/anomalies/${anomaly.id}`)).json();
  expect(data.status).toBe("dismissed");
  expect(data.dismissal.reason).toBe(reason);
});

test("analyst: ?dismiss=1 shows the normal page with no dialog and no dismiss control", async ({ page }) => {
  await signIn(page, ANALYST, "/anomalies");
  const anomaly = await findActiveAnomaly(page.request);
  await page.goto(`/anomalies/${anomaly.id}?dismiss=1`);
  await waitForHydratedDetail(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("anomaly on");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Dismiss" })).toHaveCount(0);
  await expect(page.getByTestId("anomaly-status")).toHaveText("active");
});

test("admin: ?dismiss=1 on an anomaly that is already dismissed shows the page without the dialog", async ({ page }) => {
  await signIn(page, ADMIN, "/anomalies");
  const anomaly = await dismissedAnomaly(page);
  test.skip(!anomaly, "no dismissed anomaly in the data yet");
  await page.goto(`/anomalies/${anomaly!.id}?dismiss=1`);
  await waitForHydratedDetail(page);
  await expect(page.getByTestId("anomaly-status")).toHaveText("dismissed");
  await expect(page.getByRole("dialog", { name: "Dismiss anomaly" })).toBeHidden();
});
