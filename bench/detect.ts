// `npm run bench:detect [-- --db sqlite|postgres]`: time and peak memory of a full
// detection run over a large organization (100 providers × 30 services × 730 days).
import { createLargeOrg, LARGE_ORG } from "./large-org";
import { migrateDatabase } from "@/lib/db/migrate";
import { writeBenchSection } from "./report";
import { benchDbKind, withScratchDatabase } from "./scratch-database";

const dbKind = benchDbKind();

const withDatabase = <T>(fn: (url: string) => Promise<T>) => withScratchDatabase(dbKind, fn);

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
