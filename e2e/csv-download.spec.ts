// "Download CSV" on the cloud anomalies list: the file is the API's CSV for the filters on
// screen; while it is prepared the button says so, and a refusal shows inline.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ADMIN, ANALYST, parseCsv, signIn, type ListedAnomaly } from "./helpers";

test("the list downloads the API's CSV for the filters on screen", async ({ page }) => {
  await signIn(page, ANALYST, "/anomalies?type=cost&days=3650");
  // A status that has rows (other tests dismiss anomalies in the same database).
  const all = ((await (await page.request.get("/api/v1/anomalies?type=cost&days=3650")).json()) as { data: ListedAnomaly[] }).data;
  expect(all.length, "the demo data should have cost anomalies").toBeGreaterThan(0);
  const status = all[0].status;
  // Change a filter in the page, so the download has to follow the page's current state.
  await page.getByLabel("Status").selectOption(status);
  await expect(page).toHaveURL(new RegExp(`status=${status}`));

  const api = await page.request.get(`/api/v1/anomalies?type=cost&status=${status}&days=3650`);
  const expected = ((await api.json()) as { data: ListedAnomaly[] }).data;
  expect(expected.length).toBeGreaterThan(0);

  const csvRequest = page.waitForRequest((r) => r.url().includes("/api/v1/anomalies?") && (r.headers().accept ?? "").includes("text/csv"));
  const downloaded = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download CSV" }).click();
  const request = await csvRequest;
  const query = new URL(request.url()).searchParams;
  expect(Object.fromEntries(query)).toEqual({ type: "cost", status, days: "3650" });

  const download = await downloaded;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const [header, ...rows] = parseCsv(readFileSync(await download.path(), "utf8"));
  const column = (name: string) => {
    const index = header.indexOf(name);
    expect(index, `CSV column ${name}`).toBeGreaterThanOrEqual(0);
    return index;
  };
  const [id, type, statusColumn] = [column("id"), column("type"), column("status")];
  expect(rows.map((r) => Number(r[id])).sort((a, b) => a - b)).toEqual(expected.map((a) => a.id).sort((a, b) => a - b));
  expect(new Set(rows.map((r) => r[type]))).toEqual(new Set(["cost"]));
  expect(new Set(rows.map((r) => r[statusColumn]))).toEqual(new Set([status]));
  await expect(page.getByRole("button", { name: "Download CSV" })).toBeEnabled();
});

test("the CSV button shows that it is busy, and a refused download shows inline", async ({ page }) => {
  await signIn(page, ANALYST, "/anomalies?days=3650");
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/v1/anomalies?*", async (route) => {
    if (!(route.request().headers().accept ?? "").includes("text/csv")) return route.continue();
    await held;
    await route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "unavailable", message: "Exports are paused" } }) });
  });

  await page.getByRole("button", { name: "Download CSV" }).click();
  const busy = page.getByRole("button", { name: "Preparing CSV…" });
  await expect(busy).toBeDisabled();
  release();
  await expect(page.getByRole("alert").filter({ hasText: "Could not download the CSV: Exports are paused" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Download CSV" })).toBeEnabled();

  // The server recovers: the next click downloads and the error goes away.
  await page.unrouteAll();
  const downloaded = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download CSV" }).click();
  expect((await downloaded).suggestedFilename()).toMatch(/\.csv$/);
  await expect(page.getByRole("alert").filter({ hasText: "Could not download the CSV" })).toHaveCount(0);
});

test("on a phone the list with the CSV button and the admin's actions column does not scroll sideways", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, ADMIN, "/anomalies?days=3650");
  await expect(page.getByRole("button", { name: "Download CSV" })).toBeVisible();
  await expect(page.getByTestId("anomaly-row").first()).toBeVisible();
  // The table scrolls inside its own box; the page itself must not.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await context.close();
});
