// `npm run bench:simulate [-- postgres]`: time of POST /api/v1/simulations' work
// (simulateAlerts, in process) over 90 days of the demo organization and of the large
// benchmark organization (bench/large-org.ts). Each is timed three times; the median is kept.
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

async function medianRun(orgId: string, body: { days: number; sensitivity?: number }) {
  const { simulateAlerts } = await import("@/lib/simulation/simulate");
  const times: number[] = [];
  let last = { alerts: 0, current: 0, anomalies: 0 };
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const r = await simulateAlerts({ id: orgId }, body);
    times.push(performance.now() - start);
    last = { alerts: r.alerts, current: r.current.alerts, anomalies: r.anomalies.length };
  }
  times.sort((a, b) => a - b);
  return { ms: times[1], ...last };
}

await withDatabase(async (url) => {
  process.env.DATABASE_URL = url;
  process.env.BANDWATCH_DEMO_PASSWORD ??= "bench-password-1";
  await migrateDatabase(url);
  const { seedDemo } = await import("@/lib/seed/demo");
  await seedDemo();
  const { db, disconnectDb } = await import("@/lib/db/client");
  const acme = await db().organization.findUniqueOrThrow({ where: { slug: "acme" } });
  const demoSame = await medianRun(acme.id, { days: 90 });
  const demoChanged = await medianRun(acme.id, { days: 90, sensitivity: 0.8 });
  const { orgId } = await createLargeOrg(url, "bench");
  const largeSame = await medianRun(orgId, { days: 90 });
  const largeChanged = await medianRun(orgId, { days: 90, sensitivity: 0.8 });
  await disconnectDb();
  const row = (name: string, what: string, r: Awaited<ReturnType<typeof medianRun>>) =>
    `| ${dbKind} | ${name} | ${what} | ${(r.ms / 1000).toFixed(2)} s | ${r.alerts} (today: ${r.current}) | ${r.anomalies} |`;
  const lines = [
    `| database | organization | simulation (90 days) | time (median of 3) | alerts | anomalies listed |`,
    `|---|---|---|---|---|---|`,
    row("demo (acme)", "today's settings (one replay)", demoSame),
    row("demo (acme)", "sensitivity 0.8 (two replays: proposed and today's)", demoChanged),
    row(`large (${LARGE_ORG.providers} providers × ${LARGE_ORG.services} services × ${LARGE_ORG.days} days)`, "today's settings (one replay)", largeSame),
    row(`large (${LARGE_ORG.providers} providers × ${LARGE_ORG.services} services × ${LARGE_ORG.days} days)`, "sensitivity 0.8 (two replays)", largeChanged),
  ];
  writeBenchSection(`simulate-${dbKind}`, `Alert simulator (${dbKind})`, lines.join("\n"));
  console.log(lines.join("\n"));
});
