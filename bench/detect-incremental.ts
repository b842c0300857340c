// `npm run bench:detect-incremental [-- postgres]`: issue 12's incremental detection on the
// large organization (100 providers × 30 services): a full rebuild, then daily runs that each
// add one day to every series, their peak memory at two history lengths (flat in history?),
// and whether a rebuild after the daily runs changes anything (identical to a full run?).
import Database from "better-sqlite3";
import pg from "pg";
import { createLargeOrg, LARGE_ORG, type LargeOrgShape } from "./large-org";
import { migrateDatabase } from "@/lib/db/migrate";
import { isPostgresUrl, sqliteFileFromUrl } from "@/lib/db/url";
import { addDays, todayUtc } from "@/lib/time";
import { seededRandom } from "@/lib/seed/random";
import { writeBenchSection } from "./report";
import { benchDbKind, withScratchDatabase } from "./scratch-database";

const dbKind = benchDbKind();
// Quick iterations: BENCH_PROVIDERS=10 BENCH_HISTORIES=730 BENCH_DAILY_RUNS=3 (the figures are then
// printed, not written to BENCHMARKS.md, which holds the full-size ones only).
const envCount = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};
const PROVIDERS = envCount("BENCH_PROVIDERS", LARGE_ORG.providers);
const DAILY_RUNS = envCount("BENCH_DAILY_RUNS", 8);
const HISTORIES = process.env.BENCH_HISTORIES ? process.env.BENCH_HISTORIES.split(",").map(Number).filter((d) => Number.isInteger(d) && d > 0) : [365, LARGE_ORG.days];
const FULL_SIZE = PROVIDERS === LARGE_ORG.providers && DAILY_RUNS === 8 && HISTORIES.join() === `365,${LARGE_ORG.days}`;

/** One more day for every series: yesterday's amount with a little noise, as an ingest's rollup would write it. */
async function appendDay(url: string, day: string, seed: number): Promise<number> {
  const rand = seededRandom(seed);
  const previous = addDays(day, -1);
  if (isPostgresUrl(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ orgId: string; providerId: number; service: string; amount: number }>(`SELECT "orgId", "providerId", service, amount FROM "CostDaily" WHERE day = $1`, [previous]);
    for (let i = 0; i < rows.length; i += 5000) {
      const batch = rows.slice(i, i + 5000);
      const values = batch.map((_, j) => `($${j * 5 + 1}, $${j * 5 + 2}, $${j * 5 + 3}, $${j * 5 + 4}, $${j * 5 + 5}, 0, 'USD')`).join(",");
      await client.query(`INSERT INTO "CostDaily" ("orgId", "providerId", day, service, amount, "otherAmount", currency) VALUES ${values}`, batch.flatMap((r) => [r.orgId, r.providerId, day, r.service, Math.round(r.amount * (0.97 + 0.06 * rand()) * 100) / 100]));
    }
    await client.end();
    return rows.length;
  }
  const sqlite = new Database(sqliteFileFromUrl(url));
  const rows = sqlite.prepare<[string], { orgId: string; providerId: number; service: string; amount: number }>(`SELECT orgId, providerId, service, amount FROM "CostDaily" WHERE day = ?`).all(previous);
  const insert = sqlite.prepare(`INSERT INTO "CostDaily" (orgId, providerId, day, service, amount, otherAmount, currency) VALUES (?, ?, ?, ?, ?, 0, 'USD')`);
  sqlite.transaction(() => {
    for (const r of rows) insert.run(r.orgId, r.providerId, day, r.service, Math.round(r.amount * (0.97 + 0.06 * rand()) * 100) / 100);
  })();
  sqlite.close();
  return rows.length;
}

interface Measured {
  ms: number;
  /** This process's CPU time (user + system): steadier than the wall clock on a shared machine. */
  cpuMs: number;
  peakRss: number;
  resumed: number;
  series: number;
  created: number;
  updated: number;
  removed: number;
}

async function timedRun(now: Date, rebuild: boolean): Promise<Measured> {
  const { runDetection } = await import("@/lib/jobs/run-detection");
  global.gc?.();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const summary = await runDetection({ now, rebuild, waitForLockMs: 0 });
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  // This process's CPU beside the wall clock: on a shared machine the CPU time is the steadier figure.
  console.error(`${rebuild ? "rebuild" : "daily"}: ${secs(ms)} wall, ${secs((cpu.user + cpu.system) / 1000)} CPU, resumed ${summary.resumedSeries}, +${summary.created} ~${summary.updated} -${summary.removed}`);
  clearInterval(sampler);
  if (summary.status !== "succeeded") throw new Error(`detection ${summary.status}: ${summary.error}`);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, peakRss, resumed: summary.resumedSeries, series: summary.series, created: summary.created, updated: summary.updated, removed: summary.removed };
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function benchHistory(days: number): Promise<string[]> {
  return withScratchDatabase(dbKind, async (url) => {
    process.env.DATABASE_URL = url;
    await migrateDatabase(url);
    const shape: LargeOrgShape = { ...LARGE_ORG, providers: PROVIDERS, days };
    await createLargeOrg(url, "bench", shape);
    const today = todayUtc();
    const clock = (offset: number) => new Date(`${addDays(today, offset)}T06:00:00Z`);
    const rebuild = await timedRun(clock(0), true);
    const daily: Measured[] = [];
    for (let d = 0; d < DAILY_RUNS; d++) {
      await appendDay(url, addDays(today, d), 1000 + d);
      daily.push(await timedRun(clock(d + 1), false));
    }
    const check = await timedRun(clock(DAILY_RUNS), true);
    const { disconnectDb } = await import("@/lib/db/client");
    await disconnectDb();
    const sorted = daily.map((m) => m.ms).sort((a, b) => a - b);
    const sortedCpu = daily.map((m) => m.cpuMs).sort((a, b) => a - b);
    const series = shape.providers * shape.services;
    return [
      `| ${dbKind} | ${series.toLocaleString("en")} × ${days} days | ${secs(rebuild.ms)}, CPU ${secs(rebuild.cpuMs)} (${mb(rebuild.peakRss)}) | ${daily.map((m) => secs(m.ms)).join(" / ")} (median ${secs(sorted[sorted.length >> 1])}; CPU median ${secs(sortedCpu[sortedCpu.length >> 1])}) | ${mb(Math.max(...daily.map((m) => m.peakRss)))} | ${daily.map((m) => m.resumed).join(" / ")} of ${shape.providers} | ${check.created} / ${check.updated} / ${check.removed} |`,
    ];
  });
}

const lines = [
  "| database | series × history | full rebuild: wall, CPU (peak RSS) | daily run adding one day, each of " + DAILY_RUNS + " (wall; median CPU) | daily run peak RSS | series continued from their checkpoint | rebuild afterwards: created / updated / withdrawn |",
  "|---|---|---|---|---|---|---|",
];
for (const days of HISTORIES) lines.push(...(await benchHistory(days)));
// Imported after the runs: the database client reads DATABASE_URL when first used.
const { RESUME_MARGIN_DAYS } = await import("@/lib/cloud/resume");
lines.push(
  "",
  "Each run is `runDetection` in process (cloud, monitors, web, completeness: the whole job). A daily run appends one day to all " +
    `${(PROVIDERS * LARGE_ORG.services).toLocaleString("en")} service series and re-judges the days after each series' checkpoint (${RESUME_MARGIN_DAYS}–${2 * RESUME_MARGIN_DAYS} days before its last day: a checkpoint moves a week at a time, each series on its own day of the week). ` +
    "The last column is a rebuild after the daily runs: 0 / 0 / 0 means the incremental runs left exactly what a full run computes.",
);
console.log(lines.join("\n"));
if (FULL_SIZE) writeBenchSection(`detect-incremental-${dbKind}`, `Incremental detection, large organization (${dbKind})`, lines.join("\n"));
