// `npm run bench:collect [-- postgres]`: POST /api/collect requests/s and events/s beside the
// empty-handler floor (GET /api/health/live) measured in the same run, then a check that every
// accepted event is in the database. Creates its own database, starts the built app on it and
// writes its figures into BENCHMARKS.md. BENCH_URL + DATABASE_URL measure an app already running.
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
async function measureInterleaved(targets: Target[]): Promise<Tally[]> {
  const tallies = targets.map((): Tally => ({ ok: 0, failed: 0, seconds: 0, p50s: [], p99: 0 }));
  for (let r = 0; r < ROUNDS; r++) {
    for (const [i, target] of targets.entries()) {
      const seconds = DURATION_S / ROUNDS;
      const result = await autocannon({ ...target.options, connections: CONNECTIONS, duration: seconds });
      const tally = tallies[i];
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

async function setUp(): Promise<{ base: string; url: string; websiteId: string; stop: () => Promise<void> }> {
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
    return { base: running.base, url, websiteId: site.id, stop: async () => { await running.stop(); await cleanup(); } };
  } catch (error) {
    await app?.stop();
    await cleanup();
    throw error;
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString("en");
const ratio = (rate: number, floor: number) => (floor > 0 ? `${Math.round((rate / floor) * 100)} %` : "— (the floor answered nothing: machine overloaded)");

async function main() {
  const { base, url, websiteId, stop } = await setUp();
  try {
    const floorTarget: Target = { title: "floor: GET /api/health/live (empty handler)", perRequest: 0, options: { url: `${base}/api/health/live` } };
    const single = collectTarget(base, websiteId, 1);
    const batch = collectTarget(base, websiteId, 10);
    // Warm-up: compile the routes and fill the site cache before anything is counted.
    await autocannon({ ...single.options, connections: 10, duration: 2 });
    await autocannon({ ...batch.options, connections: 10, duration: 1 });
    const before = await countStored(url, websiteId);
    const [floor, one, ten] = await measureInterleaved([floorTarget, single, batch]);
    // The app answers after its commit; give a last rollup a moment, then count.
    await new Promise((r) => setTimeout(r, 500));
    const stored = (await countStored(url, websiteId)) - before;
    const accepted = one.ok * 1 + ten.ok * 10;
    const row = (t: Target, tally: Tally) => {
      const rps = tally.ok / tally.seconds;
      const median = [...tally.p50s].sort((a, b) => a - b)[Math.floor(tally.p50s.length / 2)];
      const events = t.perRequest ? fmt(rps * t.perRequest) : "—";
      return `| ${t.title} | ${fmt(rps)} | ${events} | ${median} ms | ${tally.p99} ms | ${fmt(tally.ok)} / ${fmt(tally.ok + tally.failed)} | ${t.perRequest ? ratio(rps, floor.ok / floor.seconds) : "100 %"} |`;
    };
    const table = [
      `${CONNECTIONS} connections, autocannon against \`next start\` on ${dbKind}; the three rows took turns in ${ROUNDS} rounds of ${DURATION_S / ROUNDS} s (p50: the median round's, p99: the worst round's). Collection rate limits off.`,
      "",
      "| endpoint | requests/s | events/s | p50 | p99 | 2xx / all | of the floor's requests/s |",
      "|---|---|---|---|---|---|---|",
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
