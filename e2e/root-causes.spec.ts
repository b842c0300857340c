// Root causes and monitors in the browser (issue 13): the anomaly page's ranked root-cause
// table and share bars match the API's root_causes; Settings → Monitors lists the services
// monitor (not removable) and lets an admin add and remove a tag monitor.
import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./helpers";

type RootCause = { service: string; account_id: string; region: string; usage_type: string; vs_expected: number; share_of_excess: number };
type Listed = { id: number; type: string; direction: string };

test("the anomaly page ranks the root causes as the API does", async ({ page }) => {
  await signIn(page, ADMIN, "/anomalies");
  const list = (await (await page.request.get("/api/v1/anomalies?type=cost&days=3650")).json()) as { data: Listed[] };
  let chosen: { id: number; causes: RootCause[] } | null = null;
  for (const anomaly of list.data.filter((a) => a.direction === "up")) {
    const detail = (await (await page.request.get(`/api/v1/anomalies/${anomaly.id}`)).json()) as { data: { root_causes: RootCause[] } };
    if (detail.data.root_causes.length > 0) {
      chosen = { id: anomaly.id, causes: detail.data.root_causes };
      break;
    }
  }
  expect(chosen, "the demo data should have a cost spike with root causes").not.toBeNull();
  await page.goto(`/anomalies/${chosen!.id}`);
  const card = page.getByRole("region", { name: /Root causes on/ });
  await expect(card).toBeVisible();
  const table = page.getByTestId("root-causes-table");
  const rows = table.locator("tbody tr");
  await expect(rows).toHaveCount(chosen!.causes.length);
  const first = chosen!.causes[0];
  await expect(rows.first().locator("th")).toHaveText(first.service);
  await expect(rows.first()).toContainText(first.region || "—");
  await expect(rows.first()).toContainText(first.usage_type || "—");
  await expect(rows.first()).toContainText(`${(first.share_of_excess * 100).toFixed(1)}%`);
  await expect(page.getByTestId("root-cause-bars").locator("li")).toHaveCount(chosen!.causes.length);
});

test("Settings → Monitors: the services monitor stays; an admin adds and removes a tag monitor", async ({ page }) => {
  await signIn(page, ADMIN, "/settings/monitors");
  const monitors = page.getByRole("region", { name: "Cost monitors" });
  await expect(monitors).toContainText("Every service of every provider");
  await expect(monitors.getByRole("button", { name: /^Remove / })).toHaveCount(0);

  const name = `Teams ${Date.now()}`;
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await page.getByLabel("Judge separately").selectOption("tag");
  await page.getByLabel("Tag key").fill("team");
  await page.getByLabel(/Only these values/).fill("search, ads");
  await page.getByRole("button", { name: "Add monitor" }).click();
  await expect(monitors).toContainText(name);
  await expect(monitors).toContainText("Each value of tag “team” on every provider · only search, ads");

  await monitors.getByRole("button", { name: `Remove ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: "Remove monitor" });
  await dialog.getByRole("button", { name: "Remove monitor" }).click();
  await expect(monitors).not.toContainText(name);
  const listed = (await (await page.request.get("/api/v1/monitors")).json()) as { data: Array<{ name: string }> };
  expect(listed.data.map((m) => m.name)).not.toContain(name);
});
