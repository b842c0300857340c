// `npm run bench:simulate [-- postgres]`: time of POST /api/v1/simulations' work
// (simulateAlerts, in process) over 90 days of the demo organization and of the large
// benchmark organization (bench/large-org.ts): the demo's median of three runs, the large
// organization's one run each. `--demo-only` skips the large organization.
import { createLargeOrg, LARGE_ORG } from "./large-org";
import { migrateDatabase } from "@/lib/db/migrate";
import { writeBenchSection } from "./report";
import { benchDbKind, withScratchDatabase } from "./scratch-database";

const dbKind = benchDbKind();

const withDatabase = <T>(fn: (url: string) => Promise<T>) => withScratchDatabase(dbKind, fn);

async function timedRuns(orgId: string, body: { days: number; sensitivity?: number }, runs: number) {
  const { simulateAlerts } = await import("@/lib/simulation/simulate");
  const times: Array<{ wall: number; cpu: number }> = [];
  let last = { alerts: 0, current: 0, anomalies: 0 };
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const r = await simulateAlerts({ id: orgId }, body);
    const cpu = process.cpuUsage(cpuStart);
    times.push({ wall: performance.now() - start, cpu: (cpu.user + cpu.system) / 1000 });
    last = { alerts: r.alerts, current: r.current.alerts, anomalies: r.anomalies.length };
  }
  times.sort((a, b) => a.wall - b.wall);
  const median = times[Math.floor(times.length / 2)];
  return { ms: median.wall, cpuMs: median.cpu, runs, ...last };
}

type Timed = Awaited<ReturnType<typeof timedRuns>>;
// CPU time is this process's own (the database driver's work included on SQLite): on a
// machine shared with other work it is the figure that does not grow with the load.
const HEADER = [`| database | organization | simulation (90 days) | wall time | CPU time | alerts | anomalies listed |`, `|---|---|---|---|---|---|---|`];
const row = (name: string, what: string, r: Timed) =>
  `| ${dbKind} | ${name} | ${what} | ${(r.ms / 1000).toFixed(2)} s (${r.runs > 1 ? `median of ${r.runs}` : "one run"}) | ${(r.cpuMs / 1000).toFixed(2)} s | ${r.alerts} (today: ${r.current}) | ${r.anomalies} |`;

await withDatabase(async (url) => {
  process.env.DATABASE_URL = url;
  process.env.BANDWATCH_DEMO_PASSWORD ??= "bench-password-1";
  await migrateDatabase(url);
  const { seedDemo } = await import("@/lib/seed/demo");
  await seedDemo();
  const { db, disconnectDb } = await import("@/lib/db/client");
  const acme = await db().organization.findUniqueOrThrow({ where: { slug: "acme" } });
  const demo = [
    row("demo (acme)", "today's settings (one replay)", await timedRuns(acme.id, { days: 90 }, 3)),
    row("demo (acme)", "sensitivity 0.8 (two replays: proposed and today's)", await timedRuns(acme.id, { days: 90, sensitivity: 0.8 }, 3)),
  ];
  writeBenchSection(`simulate-demo-${dbKind}`, `Alert simulator, demo organization (${dbKind})`, [...HEADER, ...demo].join("\n"));
  console.log(demo.join("\n"));
  if (process.argv.includes("--demo-only")) return disconnectDb();
  const { orgId } = await createLargeOrg(url, "bench");
  const name = `large (${LARGE_ORG.providers} providers × ${LARGE_ORG.services} services × ${LARGE_ORG.days} days)`;
  const large = [
    row(name, "today's settings (one replay)", await timedRuns(orgId, { days: 90 }, 1)),
    row(name, "sensitivity 0.8 (two replays)", await timedRuns(orgId, { days: 90, sensitivity: 0.8 }, 1)),
  ];
  await disconnectDb();
  writeBenchSection(`simulate-large-${dbKind}`, `Alert simulator, large benchmark organization (${dbKind})`, [...HEADER, ...large].join("\n"));
  console.log(large.join("\n"));
});
