// `npm run bench:detect [-- --db sqlite|postgres]`: time and peak memory of a full
// detection run over a large organization (100 providers × 30 services × 730 days).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createLargeOrg, LARGE_ORG } from "./large-org";
import { migrateDatabase } from "@/lib/db/migrate";
import { writeBenchSection } from "./report";

const dbKind = process.argv.includes("postgres") ? "postgres" : "sqlite";

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  if (dbKind === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "bw-bench-"));
    try {
      return await fn(`file:${path.join(dir, "bench.db")}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const adminUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const name = `bandwatch_bench_${Date.now()}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

await withDatabase(async (url) => {
  process.env.DATABASE_URL = url;
  await migrateDatabase(url);
  const loadStart = Date.now();
  const { rows } = await createLargeOrg(url, "bench");
  const loadMs = Date.now() - loadStart;
  const { runDetection } = await import("@/lib/jobs/run-detection");
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const runs: number[] = [];
  let summary = await runDetection({ waitForLockMs: 0 });
  runs.push(summary.durationMs);
  summary = await runDetection({ waitForLockMs: 0 }); // steady state: anomalies exist, only changes are written
  runs.push(summary.durationMs);
  clearInterval(sampler);
  const { disconnectDb } = await import("@/lib/db/client");
  await disconnectDb();
  const seriesCount = LARGE_ORG.providers * LARGE_ORG.services;
  const lines = [
    `| database | series | rollup rows | first run (creates anomalies) | second run | peak RSS |`,
    `|---|---|---|---|---|---|`,
    `| ${dbKind} | ${seriesCount.toLocaleString("en")} service series (${LARGE_ORG.providers} providers × ${LARGE_ORG.services} services, plus ${LARGE_ORG.providers} provider bands built from them) × ${LARGE_ORG.days} days | ${rows.toLocaleString("en")} | ${(runs[0] / 1000).toFixed(1)} s | ${(runs[1] / 1000).toFixed(1)} s | ${Math.round(peakRss / 1024 / 1024)} MB |`,
    "",
    `Data load (bench set-up, not measured above): ${(loadMs / 1000).toFixed(1)} s. Anomalies after the run: created ${summary.created === 0 ? "in the first run" : summary.created}.`,
  ];
  console.log(lines.join("\n"));
  writeBenchSection(`detect-${dbKind}`, `Full detection run (${dbKind})`, lines.join("\n"));
});
