import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ADMIN, ARTIFACTS, signIn } from "./helpers";

function bandwatch(args: string[]) {
  const result = spawnSync(process.execPath, [path.resolve("bin/bandwatch.mjs"), ...args], { env: process.env, encoding: "utf8" });
  expect(result.status, result.stderr).toBe(0);
}

test("an invitation is accepted in a second browser context; a role change takes effect at once; the header switches organization", async ({ page, browser }) => {
  const email = `invitee-${Date.now()}@e2e.test`;
  const password = "invited-password-1";
  await signIn(page, ADMIN, "/settings/members");
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  const linkField = page.getByTestId("invitation-link");
  await expect(linkField).toBeVisible();
  const link = new URL(await linkField.inputValue());
  await page.screenshot({ path: `${ARTIFACTS}/settings-members.png`, fullPage: true });

  const invitee = await browser.newContext();
  const other = await invitee.newPage();
  await other.goto(link.pathname);
  await other.getByLabel("Choose a password").fill(password);
  await other.getByRole("button", { name: "Accept invitation" }).click();
  await expect(other.getByTestId("role")).toHaveText("analyst");
  // The link works once.
  const again = await invitee.newPage();
  await again.goto(link.pathname);
  await expect(again.getByTestId("invitation-invalid")).toBeVisible();

  // The admin promotes the new member; the member's very next page shows it.
  await page.reload();
  const row = page.getByTestId("member-row").filter({ hasText: email });
  await expect(row).toBeVisible();
  await row.getByLabel(`Role of ${email}`).selectOption("admin");
  await expect.poll(async () => (await other.request.get("/api/internal/members")).status()).toBe(200);
  await other.reload();
  await expect(other.getByTestId("role")).toHaveText("admin");

  // A second organization: the header offers the switch, and the session follows it.
  bandwatch(["orgs", "add-member", "hobby", "--email", email, "--role", "analyst"]);
  await other.goto("/settings");
  const switcher = other.getByTestId("org-switcher");
  await expect(switcher).toBeVisible();
  await expect(other.getByTestId("plan")).toHaveText("pro");
  const hobby = await switcher.locator("option", { hasText: "(hobby)" }).getAttribute("value");
  await switcher.selectOption(hobby ?? "");
  await expect(other.getByTestId("role")).toHaveText("analyst");
  await other.goto("/settings");
  await expect(other.getByTestId("plan")).toHaveText("free");
  await invitee.close();
});
