// The tracker in a real browser: a page with the <script> tag sends its pageview and
// page-load timing to /api/collect, which accepts them.
import { expect, test } from "@playwright/test";
import { ANALYST, signIn } from "./helpers";

test("tracker.js reports a pageview and page-load timing from a real page", async ({ page }) => {
  await signIn(page, ANALYST, "/websites");
  const res = await page.request.get("/api/internal/websites");
  expect(res.status()).toBe(200);
  const { data } = (await res.json()) as { data: Array<{ id: string; domain: string }> };
  const site = data[0];
  expect(site, "the demo organization has websites").toBeTruthy();

  const accepted: Array<{ type: string; status: number }> = [];
  page.on("requestfinished", async (request) => {
    if (!request.url().endsWith("/api/collect")) return;
    const response = await request.response();
    const body = JSON.parse(request.postData() ?? "{}") as { type?: string };
    accepted.push({ type: body.type ?? "?", status: response?.status() ?? 0 });
  });

  // A fresh document on the app's origin with only the snippet the settings page hands out.
  await page.goto("/api/health");
  await page.evaluate((websiteId) => {
    const script = document.createElement("script");
    script.src = "/tracker.js";
    script.defer = true;
    script.setAttribute("data-website", websiteId);
    document.head.appendChild(script);
  }, site.id);

  await expect.poll(() => accepted.map((a) => `${a.type}:${a.status}`), { timeout: 15_000 }).toContain("pageview:202");
  await expect.poll(() => accepted.map((a) => `${a.type}:${a.status}`), { timeout: 15_000 }).toContain("timing:202");
});
