// Dashboard speed in a real browser (Debian Chromium), for BENCHMARKS.md (Dashboard):
//   1. first-load JavaScript per page: the <script src> files named in the page's server HTML
//      (gzip bytes over the wire from Resource Timing), plus any JS fetched after them;
//   2. time to a rendered chart on /anomalies/[id]: navigation start to the first frame after the
//      expected-band chart's actual line is visible (the server-drawn static SVG or recharts'
//      line; a MutationObserver installed before the page loads, so no polling delay), and
//      separately to the interactive recharts chart, with a breakdown (server response, first
//      paint, the lazy chart chunk's download) and the cumulative layout shift.
// Run against `next start` of a production build on the seeded demo database:
//   BASE_URL=http://127.0.0.1:3340 npx tsx bench/ui.ts [--runs 7] [--json out.json]
import { writeFileSync } from "node:fs";
import os from "node:os";
import { chromium, type Browser, type BrowserContext } from "@playwright/test";

const baseURL = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const email = process.env.BENCH_EMAIL ?? "admin@acme.test";
const password = process.env.BANDWATCH_DEMO_PASSWORD ?? "demo-password-123";
const argv = process.argv.slice(2);
const runs = Number(argv[argv.indexOf("--runs") + 1]) || 7;
const jsonOut = argv.includes("--json") ? argv[argv.indexOf("--json") + 1] : null;

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const loadAverage = () => os.loadavg().map((n) => n.toFixed(2)).join(" ");

async function signedInState(browser: Browser): Promise<StorageState> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto("/login?callbackUrl=%2F");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  const state = await context.storageState();
  await context.close();
  return state;
}

interface ScriptTiming {
  url: string;
  transfer: number;
  decoded: number;
  start: number;
  end: number;
}

async function firstLoad(browser: Browser, state: StorageState, path: string) {
  const context = await browser.newContext({ baseURL, storageState: state });
  const page = await context.newPage();
  const html = await (await page.request.get(path)).text();
  const initial = new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js[^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, "&")));
  await page.goto(path, { waitUntil: "networkidle" });
  const scripts = await scriptTimings(context);
  await context.close();
  const first = scripts.filter((s) => initial.has(s.url));
  const later = scripts.filter((s) => !initial.has(s.url));
  return {
    scripts: first.length,
    firstLoadKB: kb(first.reduce((s, r) => s + r.transfer, 0)),
    uncompressedKB: kb(first.reduce((s, r) => s + r.decoded, 0)),
    laterKB: kb(later.reduce((s, r) => s + r.transfer, 0)),
  };
}

async function scriptTimings(context: BrowserContext): Promise<ScriptTiming[]> {
  const page = context.pages()[0];
  return page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((e) => e as PerformanceResourceTiming)
      .filter((r) => /\.js(\?|$)/.test(new URL(r.name).pathname + new URL(r.name).search))
      .map((r) => ({ url: new URL(r.name).pathname + new URL(r.name).search, transfer: r.encodedBodySize, decoded: r.decodedBodySize, start: r.startTime, end: r.responseEnd })),
  );
}

/**
 * Records when the band chart's actual-spend line is first visible (the server's static SVG,
 * `path[data-series="actual"]`, or recharts' line if that came first), and separately when the
 * interactive recharts line is; each time is the next animation frame after it (≈ painted).
 * "Visible" means laid out with a size: streamed HTML sits in a hidden container until React's
 * inline script moves it into place, and that does not count.
 */
const CHART_WATCH = `
  (() => {
    const visible = (selector) => {
      const el = document.querySelector(selector);
      if (!el) return false;
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    };
    // expected-band-chart-static: the server's fallback while the chart's chunk loads.
    const chart = '[data-testid="expected-band-chart"] svg';
    const anyChart = '[data-testid^="expected-band-chart"] svg';
    const observer = new MutationObserver(() => {
      if (window.__chartInDom === undefined && (visible(anyChart + ' path[data-series="actual"]') || visible(chart + ' .recharts-line-curve'))) {
        window.__chartInDom = performance.now();
        requestAnimationFrame(() => { window.__chartPainted = performance.now(); });
      }
      if (window.__interactiveInDom === undefined && visible(chart + ' .recharts-line-curve')) {
        window.__interactiveInDom = performance.now();
        requestAnimationFrame(() => { window.__interactivePainted = performance.now(); });
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true });
    window.__layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
  })();
`;

async function timeToChart(browser: Browser, state: StorageState, path: string) {
  const context = await browser.newContext({ baseURL, storageState: state });
  await context.addInitScript(CHART_WATCH);
  const page = await context.newPage();
  const html = await (await page.request.get(path)).text();
  const initial = new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js[^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, "&")));
  await page.goto(path, { waitUntil: "commit" });
  await page.waitForFunction(() => (window as unknown as { __interactivePainted?: number }).__interactivePainted !== undefined, null, { timeout: 30_000 });
  // Let anything that would move after the chart (late fonts, resizes) happen before reading the shift.
  await page.waitForTimeout(500);
  const marks = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null;
    const w = window as unknown as { __chartInDom: number; __chartPainted: number; __interactivePainted: number; __layoutShift: number };
    return { layoutShift: w.__layoutShift, ttfb: nav.responseStart, htmlDone: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventEnd, fcp, chartInDom: w.__chartInDom, chart: w.__chartPainted, interactive: w.__interactivePainted };
  });
  const scripts = await scriptTimings(context);
  await context.close();
  const first = scripts.filter((s) => initial.has(s.url));
  const lazy = scripts.filter((s) => !initial.has(s.url) && s.start < marks.chart);
  const r = (n: number | null) => (n === null ? null : Math.round(n));
  return {
    /** Cumulative layout shift up to 500 ms after the chart (0 = nothing moved). */
    layoutShift: Math.round(marks.layoutShift * 1000) / 1000,
    ttfb: r(marks.ttfb),
    htmlDone: r(marks.htmlDone),
    fcp: r(marks.fcp),
    firstLoadScriptsDone: r(Math.max(0, ...first.map((s) => s.end))),
    domContentLoaded: r(marks.domContentLoaded),
    lazyChunkStart: lazy.length ? r(Math.min(...lazy.map((s) => s.start))) : null,
    lazyChunkDone: lazy.length ? r(Math.max(...lazy.map((s) => s.end))) : null,
    /**
     * The chart on screen: the static SVG from the server's HTML, or recharts if that was first.
     * The animation frame after it is visible can run before the browser actually paints (while
     * it is still starved or render-blocked); the chart is contentful, so it is not on screen
     * before the first contentful paint either: the later of the two.
     */
    chart: r(Math.max(marks.chart, marks.fcp ?? 0)),
    /** The first animation frame after the chart was visible in the DOM (before the max with the first paint). */
    chartFrame: r(marks.chart),
    /** The interactive recharts chart drawn (tooltips work from here). */
    interactiveChart: r(marks.interactive),
  };
}

async function main() {
  const loadBefore = loadAverage();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const state = await signedInState(browser);
    const api = await (await browser.newContext({ baseURL, storageState: state })).request;
    const anomalies = ((await (await api.get("/api/v1/anomalies?days=3650&type=cost")).json()) as { data: Array<{ id: number }> }).data;
    const websites = ((await (await api.get("/api/internal/websites")).json()) as { data: Array<{ id: string }> }).data;
    if (!anomalies.length) throw new Error("no cost anomalies: seed the demo data first (npx bandwatch seed-demo)");
    const detail = `/anomalies/${anomalies[0].id}`;
    const pages = ["/login", "/", "/anomalies", detail, "/websites", ...(websites[0] ? [`/websites/${websites[0].id}`] : []), "/settings", "/settings/api-keys", "/settings/providers"];

    // One warm-up visit per page so the server's first-render compilation is not measured.
    const warm = await browser.newContext({ baseURL, storageState: state });
    const warmPage = await warm.newPage();
    for (const path of pages) await warmPage.goto(path, { waitUntil: "networkidle" });
    await warm.close();

    const perPage: Record<string, Awaited<ReturnType<typeof firstLoad>>> = {};
    for (const path of pages) {
      const name = path.replace(/[0-9a-f-]{36}$/, "[id]").replace(/\/\d+$/, "/[id]");
      perPage[name] = await firstLoad(browser, path === "/login" ? { cookies: [], origins: [] } : state, path);
    }
    const chartRuns: Array<Awaited<ReturnType<typeof timeToChart>>> = [];
    for (let i = 0; i < runs; i++) chartRuns.push(await timeToChart(browser, state, detail));
    const result = {
      measuredAt: new Date().toISOString(),
      baseURL,
      loadAverage: { before: loadBefore, after: loadAverage() },
      firstLoad: perPage,
      timeToChart: {
        runs: chartRuns.map((c) => c.chart),
        medianMs: median(chartRuns.map((c) => c.chart ?? 0)),
        maxMs: Math.max(...chartRuns.map((c) => c.chart ?? 0)),
        interactiveMedianMs: median(chartRuns.map((c) => c.interactiveChart ?? 0)),
        medianBreakdown: Object.fromEntries(
          (Object.keys(chartRuns[0]) as Array<keyof (typeof chartRuns)[number]>).map((k) => {
            const xs = chartRuns.map((c) => c[k]).filter((x): x is number => x !== null);
            return [k, xs.length ? median(xs) : null];
          }),
        ),
        details: chartRuns,
      },
    };
    console.log(JSON.stringify(result, null, 2));
    if (jsonOut) writeFileSync(jsonOut, JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
