// Measurements for BENCHMARKS.md (no timing assertions): first-load JavaScript per page
// (the scripts referenced by the page's HTML, as transferred, i.e. compressed) and the
// time from navigation start to a drawn expected-band chart on the detail page.
// A rougher figure than bench/ui.ts (it polls for the chart), kept out of `npm test`:
//   BASE_URL=http://127.0.0.1:3340 npm run bench:ui-playwright
import { writeFileSync } from "node:fs";
import { expect, test, type Browser } from "@playwright/test";
import { ADMIN, ARTIFACTS, anyAnomaly, signIn } from "../e2e/helpers";

type StorageState = Awaited<ReturnType<import("@playwright/test").BrowserContext["storageState"]>>;

async function coldPage(browser: Browser, storageState: StorageState) {
  const context = await browser.newContext({ storageState });
  return { context, page: await context.newPage() };
}

test("first-load JS per page and time to chart", async ({ browser, page }) => {
  test.setTimeout(180_000);
  await signIn(page, ADMIN, "/");
  const anomaly = await anyAnomaly(page.request);
  const websites = await page.request.get("/api/internal/websites");
  const websiteId = ((await websites.json()) as { data: Array<{ id: string }> }).data[0]?.id;
  const storageState = await page.context().storageState();
  const pages = ["/login", "/", "/anomalies", `/anomalies/${anomaly.id}`, "/websites", ...(websiteId ? [`/websites/${websiteId}`] : []), "/settings", "/settings/api-keys", "/settings/providers"];

  const firstLoad: Record<string, { scripts: number; transferredKB: number; uncompressedKB: number; lazyChartKB: number }> = {};
  for (const path of pages) {
    const { context, page: p } = await coldPage(browser, path === "/login" ? { cookies: [], origins: [] } : storageState);
    const html = await (await p.request.get(path)).text();
    const initial = new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js[^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, "&")));
    await p.goto(path, { waitUntil: "networkidle" });
    const resources = await p.evaluate(() =>
      performance.getEntriesByType("resource").map((e) => {
        const r = e as PerformanceResourceTiming;
        return { url: new URL(r.name).pathname + new URL(r.name).search, transfer: r.encodedBodySize, decoded: r.decodedBodySize, type: r.initiatorType };
      }),
    );
    const js = resources.filter((r) => r.url.endsWith(".js") || r.url.includes(".js?"));
    const first = js.filter((r) => initial.has(r.url));
    const lazy = js.filter((r) => !initial.has(r.url));
    firstLoad[path.replace(/[0-9a-f-]{36}/, "[id]").replace(/\/\d+$/, "/[id]")] = {
      scripts: first.length,
      transferredKB: Math.round(first.reduce((s, r) => s + r.transfer, 0) / 102.4) / 10,
      uncompressedKB: Math.round(first.reduce((s, r) => s + r.decoded, 0) / 102.4) / 10,
      lazyChartKB: Math.round(lazy.reduce((s, r) => s + r.transfer, 0) / 102.4) / 10,
    };
    await context.close();
  }

  const timeToChart: number[] = [];
  for (let run = 0; run < 5; run++) {
    const { context, page: p } = await coldPage(browser, storageState);
    await p.goto(`/anomalies/${anomaly.id}`, { waitUntil: "commit" });
    await expect(p.getByTestId("expected-band-chart").locator("svg .recharts-line-curve").first()).toBeVisible();
    timeToChart.push(Math.round(await p.evaluate(() => performance.now())));
    await context.close();
  }
  const sorted = [...timeToChart].sort((a, b) => a - b);
  const result = { measuredAt: new Date().toISOString(), baseURL: test.info().project.use.baseURL, firstLoad, timeToChartMs: { runs: timeToChart, median: sorted[2], max: sorted[4] } };
  writeFileSync(`${ARTIFACTS}/perf.json`, JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
  expect(Object.keys(firstLoad).length).toBe(pages.length);
});
