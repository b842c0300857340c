// Issue 13: the feedback buttons and the history on the anomaly page. An admin marks an
// anomaly accurate, then planned (which dismisses it), reopens it; each step shows in the
// history, oldest first, and in the dismiss dialog. Analysts see the history without buttons.
import { expect, test } from "@playwright/test";
import { ADMIN, ANALYST, findActiveAnomaly, signIn } from "./helpers";

test("admin: feedback buttons and reopen write the history the page shows", async ({ page }) => {
  await signIn(page, ADMIN, "/anomalies");
  const anomaly = await findActiveAnomaly(page.request);
  await page.goto(`/anomalies/${anomaly.id}`);
  const history = page.getByTestId("anomaly-history");
  await expect(history.getByTestId("history-entry").first()).toHaveAttribute("data-action", "detected");
  const before = await history.getByTestId("history-entry").count();

  await page.getByTestId("feedback-accurate").click();
  await expect(page.getByTestId("current-feedback")).toContainText("Accurate");
  await expect(page.getByTestId("feedback-accurate")).toHaveAttribute("aria-pressed", "true");
  await expect(history.getByTestId("history-entry")).toHaveCount(before + 1);
  await expect(history.getByTestId("history-entry").last()).toContainText("Feedback: accurate");

  await page.getByTestId("feedback-planned").click();
  await expect(page.getByTestId("anomaly-status")).toHaveText("dismissed");
  await expect(history.getByTestId("history-entry").last()).toContainText("Feedback: planned activity");
  await expect(history.getByTestId("history-entry").nth(before + 1)).toHaveAttribute("data-action", "dismissed");

  await page.getByTestId("reopen").click();
  await expect(page.getByTestId("anomaly-status")).toHaveText("active");
  await expect(history.getByTestId("history-entry").last()).toHaveAttribute("data-action", "reopened");
  await expect(page.getByTestId("reopen")).toHaveCount(0);

  // The dismiss dialog shows the same history.
  await page.getByRole("button", { name: "Dismiss", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Dismiss anomaly" });
  await dialog.getByText(/^History \(\d+\)$/).click();
  await expect(dialog.getByTestId("history-entry").last()).toHaveAttribute("data-action", "reopened");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // After a reload the server renders the same story.
  await page.reload();
  await expect(page.getByTestId("anomaly-history").getByTestId("history-entry")).toHaveCount(before + 4);
});

test("analyst: sees the history but no feedback buttons", async ({ page }) => {
  await signIn(page, ANALYST, "/anomalies");
  const anomaly = await findActiveAnomaly(page.request);
  await page.goto(`/anomalies/${anomaly.id}`);
  await expect(page.getByTestId("anomaly-history").getByTestId("history-entry").first()).toBeVisible();
  await expect(page.getByTestId("feedback-accurate")).toHaveCount(0);
});
