// Dismiss with suppression (the dialog creates a rule, Settings → Alerts lists it with its
// matches and deletes it) and the simulator's "would have sent" line before saving.
import { expect, test } from "@playwright/test";
import { ADMIN, findActiveAnomaly, signIn } from "./helpers";

type Rule = { id: number; scope: { provider_id?: number; metric?: string }; reason: string; active: boolean };

test("admin: dismissing with 'Also suppress similar anomalies' creates a rule that Settings lists and can delete", async ({ page }) => {
  await signIn(page, ADMIN, "/anomalies");
  const anomaly = await findActiveAnomaly(page.request);
  await page.goto(`/anomalies/${anomaly.id}`);
  await page.getByRole("button", { name: "Dismiss", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Dismiss anomaly" });
  const reason = `Planned migration ${Date.now()}`;
  await dialog.getByLabel(/Reason/).fill(reason);
  await dialog.getByLabel("Also suppress similar anomalies").check();
  await dialog.getByLabel("For how many days").fill("400");
  await expect(dialog.getByText("Between 1 and 365 days")).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Confirm dismiss" })).toBeDisabled();
  await dialog.getByLabel("For how many days").fill("14");
  await dialog.getByLabel("Matching").selectOption("series");
  await dialog.getByRole("button", { name: "Confirm dismiss" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("anomaly-status")).toHaveText("dismissed");

  const rules = ((await (await page.request.get("/api/v1/suppressions")).json()) as { data: Rule[] }).data;
  const rule = rules.find((r) => r.reason === reason);
  expect(rule).toMatchObject({ active: true, scope: { metric: anomaly.type === "cost" ? "cost" : expect.any(String) } });

  await page.goto("/settings/alerts");
  const table = page.getByTestId("suppression-rules");
  const row = table.getByRole("row").filter({ hasText: reason });
  await expect(row).toBeVisible();
  await expect(row.getByTestId("suppression-matches")).toHaveText("0");
  await row.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete suppression rule" }).getByRole("button", { name: "Delete rule" }).click();
  await expect(page.getByRole("row").filter({ hasText: reason })).toHaveCount(0);
  const after = ((await (await page.request.get("/api/v1/suppressions")).json()) as { data: Rule[] }).data;
  expect(after.find((r) => r.id === rule!.id)).toBeUndefined();
});

test("settings: the simulator says how many alerts a change would have sent in the last 90 days", async ({ page }) => {
  await signIn(page, ADMIN, "/settings/alerts");
  const api = await page.request.post("/api/v1/simulations", { data: {} });
  expect(api.status()).toBe(200);
  const today = ((await api.json()) as { data: { current: { alerts: number } } }).data.current.alerts;
  expect(today).toBeGreaterThan(0);

  const card = page.getByRole("region", { name: "Try settings before saving" });
  // A deviation no anomaly reaches (minimum dollar impact would leave the website and performance ones).
  await card.getByLabel(/Minimum deviation/).fill("100000");
  await card.getByRole("button", { name: "Preview alerts" }).click();
  await expect(card.getByTestId("simulation-line")).toHaveText(`This change would have sent 0 alerts in the last 90 days (today: ${today}).`, { timeout: 30_000 });

  await card.getByLabel(/Minimum deviation/).fill("");
  await card.getByRole("button", { name: "Preview alerts" }).click();
  await expect(card.getByTestId("simulation-line")).toHaveText(`This change would have sent ${today} alert${today === 1 ? "" : "s"} in the last 90 days (today: ${today}).`, {
    timeout: 30_000,
  });
});
