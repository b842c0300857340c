// `npm run bench:collect [-- postgres]`: POST /api/collect requests/s and events/s beside the
// empty-handler floor (GET /api/health/live) measured in the same run, then a check that every
// accepted event is in the database. Creates its own database, starts the built app on it and
// writes its figures into BENCHMARKS.md. BENCH_URL + DATABASE_URL measure an app already running.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import autocannon, { type Options as CannonOptions } from "autocannon";
import { buildIfMissing, bandwatchCli as cli, createDatabase, startApp, type RunningApp } from "../scripts/app-server.mjs";
import { writeBenchSection } from "./report";

const dbKind = process.argv.includes("postgres") ? "postgres" : "sqlite";
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
// Rounds of 5 s: on a loaded machine a 2 s round can end before the first answers arrive.
const ROUNDS = 3;
const UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

interface Target {
  title: string;
  perRequest: number;
  options: CannonOptions;
}

interface Tally {
  ok: number;
  failed: number;
  seconds: number;
  p50s: number[];
  p99: number;
  /** CPU seconds the app's processes used during this target's rounds (null: not measurable). */
  appCpu: number | null;
  /** The same for the PostgreSQL backends serving the app's database. */
  dbCpu: number | null;
}

// ---------- CPU per request ----------
// On the shared 2-core machine requests/s swing with the other work on it; the CPU seconds the
// server spends per request move far less, so each row also reports them (Linux /proc).

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of one process in seconds, and its process group (proc(5)); null once it has exited. */
function processCpu(pid: string): { group: number; seconds: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which may itself contain spaces: state, ppid, pgrp, …, utime (12th), stime (13th).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { group: Number(fields[2]), seconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS };
  } catch {
    return null;
  }
}

/** CPU seconds used so far by every process of a process group (the app runs in its own). */
function groupCpuSeconds(group: number): number {
  let total = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    const cpu = processCpu(pid);
    if (cpu?.group === group) total += cpu.seconds;
  }
  return total;
}

interface CpuMeter {
  /** CPU seconds so far: the app's, and the database backends' (null on SQLite or when unknown). */
  read: () => Promise<{ app: number; db: number | null }>;
}

/** Meters the app's process group and, on PostgreSQL, the backends connected to its database. */
async function cpuMeter(appGroup: number | undefined): Promise<CpuMeter | null> {
  if (appGroup === undefined || !readdirSync("/proc").length) return null;
  const backends = async (): Promise<number | null> => {
    if (dbKind !== "postgres") return null;
    const { db } = await import("@/lib/db/client");
    const rows = await db().$queryRaw<Array<{ pid: number }>>`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`;
    return rows.reduce((sum, row) => sum + (processCpu(String(row.pid))?.seconds ?? 0), 0);
  };
  return { read: async () => ({ app: groupCpuSeconds(appGroup), db: await backends() }) };
}

function collectTarget(base: string, websiteId: string, perRequest: number): Target {
  const events = Array.from({ length: perRequest }, (_, i) => ({ type: "pageview", url: `https://bench.example/p${i}` }));
  const body = JSON.stringify(perRequest === 1 ? { ...events[0], website: websiteId } : { website: websiteId, events });
  return {
    title: `POST /api/collect, ${perRequest} event${perRequest === 1 ? "" : "s"} per request`,
    perRequest,
    options: { url: `${base}/api/collect`, method: "POST", body, headers: { "content-type": "text/plain", "user-agent": UA } },
  };
}

/** Targets take turns in short rounds, so a change in the shared machine's load falls on all alike. */
async function measureInterleaved(targets: Target[], meter: CpuMeter | null): Promise<Tally[]> {
  const tallies = targets.map((): Tally => ({ ok: 0, failed: 0, seconds: 0, p50s: [], p99: 0, appCpu: meter ? 0 : null, dbCpu: null }));
  for (let r = 0; r < ROUNDS; r++) {
    for (const [i, target] of targets.entries()) {
      const seconds = DURATION_S / ROUNDS;
      const before = await meter?.read();
      const result = await autocannon({ ...target.options, connections: CONNECTIONS, duration: seconds });
      const after = await meter?.read();
      const tally = tallies[i];
      if (before && after && tally.appCpu !== null) {
        tally.appCpu += after.app - before.app;
        if (before.db !== null && after.db !== null) tally.dbCpu = (tally.dbCpu ?? 0) + Math.max(0, after.db - before.db);
      }
      tally.ok += result["2xx"];
      tally.failed += result.non2xx + result.errors;
      tally.seconds += seconds;
      tally.p50s.push(result.latency.p50);
      tally.p99 = Math.max(tally.p99, result.latency.p99);
    }
  }
  return tallies;
}

async function countStored(databaseUrl: string, websiteId: string): Promise<number> {
  process.env.DATABASE_URL = databaseUrl;
  const { db } = await import("@/lib/db/client");
  return db().webEvent.count({ where: { websiteId } });
}

async function setUp(): Promise<{ base: string; url: string; websiteId: string; appGroup?: number; stop: () => Promise<void> }> {
  if (process.env.BENCH_URL && process.env.DATABASE_URL) {
    const { db } = await import("@/lib/db/client");
    const { createOrganization } = await import("@/lib/org/organizations");
    const slug = `bench-${Date.now()}`;
    const org = await createOrganization({ slug, name: slug, plan: "pro" });
    const site = await db().website.create({ data: { orgId: org.id, domain: `${slug}.example`, name: slug } });
    return { base: process.env.BENCH_URL, url: process.env.DATABASE_URL, websiteId: site.id, stop: async () => {} };
  }
  const { url, cleanup } = await createDatabase(dbKind, "bandwatch_bench_collect");
  // Rate limits off: the bench sends from one address at a rate no single visitor would.
  const env = { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1", NEXT_TELEMETRY_DISABLED: "1", BANDWATCH_DETECT_INTERVAL_MINUTES: "0", NEXTAUTH_SECRET: "bench", BANDWATCH_COLLECT_IP_LIMIT: "0", BANDWATCH_COLLECT_SITE_LIMIT: "0" };
  let app: RunningApp | null = null;
  try {
    cli(["db", "migrate"], env);
    cli(["seed", "--demo", "--json"], env);
    process.env.DATABASE_URL = url;
    const { db } = await import("@/lib/db/client");
    const org = await db().organization.findFirstOrThrow({ where: { slug: "acme" } });
    const site = await db().website.create({ data: { orgId: org.id, domain: `bench-collect.example`, name: "bench" } });
    buildIfMissing(env);
    app = await startApp(env);
    const running = app;
    // startApp runs the server as the leader of its own process group.
    return { base: running.base, url, websiteId: site.id, appGroup: running.pid, stop: async () => { await running.stop(); await cleanup(); } };
  } catch (error) {
    await app?.stop();
    await cleanup();
    throw error;
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString("en");
const ratio = (rate: number, floor: number) => (floor > 0 ? `${Math.round((rate / floor) * 100)} %` : "— (the floor answered nothing: machine overloaded)");

async function main() {
  const { base, url, websiteId, appGroup, stop } = await setUp();
  try {
    const floorTarget: Target = { title: "floor: GET /api/health/live (empty handler)", perRequest: 0, options: { url: `${base}/api/health/live` } };
    const single = collectTarget(base, websiteId, 1);
    const batch = collectTarget(base, websiteId, 10);
    // Warm-up: compile the routes and fill the site cache before anything is counted.
    await autocannon({ ...single.options, connections: 10, duration: 2 });
    await autocannon({ ...batch.options, connections: 10, duration: 1 });
    const before = await countStored(url, websiteId);
    const meter = await cpuMeter(appGroup);
    const [floor, one, ten] = await measureInterleaved([floorTarget, single, batch], meter);
    // The app answers after its commit; give a last rollup a moment, then count.
    await new Promise((r) => setTimeout(r, 500));
    const stored = (await countStored(url, websiteId)) - before;
    const accepted = one.ok * 1 + ten.ok * 10;
    const cpuPerRequest = (tally: Tally) => (tally.appCpu === null || tally.ok === 0 ? null : (tally.appCpu + (tally.dbCpu ?? 0)) / tally.ok);
    const floorCpu = cpuPerRequest(floor);
    const withDb = floor.dbCpu !== null;
    const cpuCells = (tally: Tally) => {
      const perRequest = cpuPerRequest(tally);
      if (perRequest === null || tally.appCpu === null) return withDb ? " — | — | — |" : " — | — |";
      const ms = (seconds: number) => `${((seconds / tally.ok) * 1000).toFixed(2)} ms`;
      const share = floorCpu === null || perRequest === 0 ? "—" : `${Math.round((floorCpu / perRequest) * 100)} %`;
      return ` ${ms(tally.appCpu)} |${withDb ? ` ${ms(tally.dbCpu ?? 0)} |` : ""} ${share} |`;
    };
    const row = (t: Target, tally: Tally) => {
      const rps = tally.ok / tally.seconds;
      const median = [...tally.p50s].sort((a, b) => a - b)[Math.floor(tally.p50s.length / 2)];
      const events = t.perRequest ? fmt(rps * t.perRequest) : "—";
      return `| ${t.title} | ${fmt(rps)} | ${events} | ${median} ms | ${tally.p99} ms | ${fmt(tally.ok)} / ${fmt(tally.ok + tally.failed)} | ${t.perRequest ? ratio(rps, floor.ok / floor.seconds) : "100 %"} |${cpuCells(tally)}`;
    };
    const table = [
      `${CONNECTIONS} connections, autocannon against \`next start\` on ${dbKind}; the three rows took turns in ${ROUNDS} rounds of ${DURATION_S / ROUNDS} s (p50: the median round's, p99: the worst round's). Collection rate limits off.`,
      `CPU per request: the app's processes${withDb ? " and, separately, the PostgreSQL backends serving its database" : ""} (utime + stime from /proc over the row's rounds, divided by its 2xx answers); "of the floor by CPU" is the floor's CPU per request over the row's${withDb ? " (app + database)" : ""}, the share of the floor's rate the row would reach if CPU alone limited both. It moves far less with the shared machine's load than requests/s.`,
      "",
      `| endpoint | requests/s | events/s | p50 | p99 | 2xx / all | of the floor's requests/s | app CPU per request |${withDb ? " database CPU per request |" : ""} of the floor by CPU |`,
      `|---|---|---|---|---|---|---|---|${withDb ? "---|" : ""}---|`,
      row(floorTarget, floor),
      row(single, one),
      row(batch, ten),
      "",
      `Events accepted (2xx × events per request): ${fmt(accepted)}; stored in the database after the run: ${fmt(stored)}${stored === accepted ? " (none lost)" : stored > accepted ? " (none lost; more stored than counted: requests cut off at the end of a round were answered after autocannon stopped counting)" : ` (**${fmt(accepted - stored)} lost**)`}.`,
      "Targets: single events ≥ 90 % of the floor's requests/s, 10-event batches ≥ 8,000 events/s.",
    ].join("\n");
    console.log(table);
    if (!process.env.BENCH_URL) writeBenchSection(`collect-${dbKind}`, `Collection (${dbKind}), generated by \`npm run bench:collect\``, table);
  } finally {
    const { disconnectDb } = await import("@/lib/db/client");
    await disconnectDb();
    await stop();
  }
}

await main();
