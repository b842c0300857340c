// `npm run bench:detect-bands [-- postgres]`: issue 12's stored bands on the large organization
// (100 providers × 30 services × 730 days), in-process so that the shared machine's HTTP load
// does not hide it: the detection run with its band writes (first run, then a steady run), the
// rows it stores, and the anomaly detail's time when read from stored bands against the same
// detail computed as before (the bands' state removed), each over different anomalies so no
// cache answers.
import { createLargeOrg, LARGE_ORG } from "./large-org";
import { migrateDatabase } from "@/lib/db/migrate";
import { writeBenchSection } from "./report";
import { benchDbKind, withScratchDatabase } from "./scratch-database";

const dbKind = benchDbKind();
const DETAILS_PER_PATH = 40;

const withDatabase = <T>(fn: (url: string) => Promise<T>) => withScratchDatabase(dbKind, fn);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timeDetails(orgId: string, ids: number[]): Promise<{ p50: number; p99: number; max: number }> {
  const { getAnomaly } = await import("@/lib/cloud/anomalies");
  const times: number[] = [];
  for (const id of ids) {
    const start = performance.now();
    const detail = await getAnomaly({ id: orgId }, id);
    times.push(performance.now() - start);
    if (detail.series.length === 0) throw new Error(`anomaly ${id}: empty chart`);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), max: times[times.length - 1] };
}

await withDatabase(async (url) => {
  process.env.DATABASE_URL = url;
  await migrateDatabase(url);
  const { orgId } = await createLargeOrg(url, "bench");
  const { runDetection } = await import("@/lib/jobs/run-detection");
  const { db, disconnectDb } = await import("@/lib/db/client");
  const first = await runDetection({ waitForLockMs: 0 });
  const steady = await runDetection({ waitForLockMs: 0 });
  const totals = await db().seriesBand.count({ where: { orgId, service: "" } });
  const serviceRows = await db().seriesBand.count({ where: { orgId, NOT: { service: "" } } });
  const anomalies = await db().anomaly.findMany({
    where: { orgId, type: "cost" },
    orderBy: [{ day: "desc" }, { id: "desc" }],
    take: 2 * DETAILS_PER_PATH,
    select: { id: true },
  });
  const ids = anomalies.map((a) => a.id);
  const stored = await timeDetails(orgId, ids.slice(0, DETAILS_PER_PATH));
  await db().seriesBandState.deleteMany({ where: { orgId } });
  const computed = await timeDetails(orgId, ids.slice(DETAILS_PER_PATH));
  await disconnectDb();
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const lines = [
    `| database | detection run, first (writes all bands) | steady run (rewrites changed days only) | band rows stored (totals / service figures) | detail from stored bands p50 / p99 / max | detail computed as before p50 / p99 / max |`,
    `|---|---|---|---|---|---|`,
    `| ${dbKind} | ${(first.durationMs / 1000).toFixed(1)} s | ${(steady.durationMs / 1000).toFixed(1)} s | ${totals.toLocaleString("en")} / ${serviceRows.toLocaleString("en")} | ${ms(stored.p50)} / ${ms(stored.p99)} / ${ms(stored.max)} | ${ms(computed.p50)} / ${ms(computed.p99)} / ${ms(computed.max)} |`,
    "",
    `${LARGE_ORG.providers} providers × ${LARGE_ORG.services} services × ${LARGE_ORG.days} days; ${DETAILS_PER_PATH} different anomaly details per path, one at a time, in-process (\`getAnomaly\`, no HTTP, no cache hits).`,
  ];
  console.log(lines.join("\n"));
  writeBenchSection(`detect-bands-${dbKind}`, `Stored bands, large organization (${dbKind})`, lines.join("\n"));
});
