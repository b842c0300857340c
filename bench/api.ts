// `npm run bench:api [-- postgres]`: requests/s, p50 and p99 of the cloud API's list and
// detail endpoints at 50 concurrent connections, on the demo data and on a large
// organization (100 providers × 30 services × 2 years), against the built app.
import autocannon from "autocannon";
import { bandwatchCli as cli, buildIfMissing, createDatabase, startApp, type RunningApp } from "../scripts/app-server.mjs";
import { createLargeOrg } from "./large-org";
import { writeBenchSection } from "./report";

const dbKind = process.argv.includes("postgres") ? "postgres" : "sqlite";
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);

interface Row {
  title: string;
  perSecond: number;
  line: string;
}

async function measure(title: string, url: string, key: string): Promise<Row> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers: { authorization: `Bearer ${key}` } });
  const ok = result["2xx"];
  const perSecond = result.requests.average;
  const line = `| ${title} | ${Math.round(perSecond).toLocaleString("en")} | ${result.latency.p50} ms | ${result.latency.p99} ms | ${ok.toLocaleString("en")} / ${(ok + result.non2xx + result.errors).toLocaleString("en")} |`;
  return { title, perSecond, line };
}

/** The target is a ratio to the empty handler measured in the same run (the machine is shared and noisy). */
function ratioLines(floor: Row, rows: Row[]): string[] {
  return rows.map((row) => `- ${row.title}: ${Math.round((row.perSecond / floor.perSecond) * 100)} % of the floor's requests/s`);
}

const { url, cleanup } = await createDatabase(dbKind, "bandwatch_bench_api");
const env = { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1", NEXT_TELEMETRY_DISABLED: "1", BANDWATCH_DETECT_INTERVAL_MINUTES: "0", NEXTAUTH_SECRET: "bench" };
let app: RunningApp | null = null;
try {
  cli(["db", "migrate"], env);
  cli(["seed", "--demo", "--json"], env);
  await createLargeOrg(url, "bench");
  cli(["detect"], env);
  const acmeKey = JSON.parse(cli(["keys", "create", "--org", "acme", "--json"], env)).key as string;
  const benchKey = JSON.parse(cli(["keys", "create", "--org", "bench", "--json"], env)).key as string;

  buildIfMissing(env);
  app = await startApp(env);
  const base = app.base;
  const first = async (key: string, query: string) => {
    const res = await fetch(`${base}/api/v1/anomalies${query}`, { headers: { authorization: `Bearer ${key}` } });
    const body = (await res.json()) as { data: Array<{ id: number }> };
    return { id: body.data[0]?.id, count: body.data.length };
  };
  const acme = await first(acmeKey, "?days=180");
  const bench = await first(benchKey, "");
  const benchAll = await first(benchKey, "?days=730");
  // Warm up the routes once before measuring.
  await measure("warm-up", `${base}/api/v1/anomalies`, acmeKey);
  // The floor: a route handler that does nothing (no auth, no database) — what Next.js itself costs.
  const floor = await measure(`floor: GET /api/health/live (empty handler: no auth, no database)`, `${base}/api/health/live`, acmeKey);
  const rows = [
    floor,
    await measure(`list, demo org (default 30 days)`, `${base}/api/v1/anomalies`, acmeKey),
    await measure(`detail, demo org`, `${base}/api/v1/anomalies/${acme.id}`, acmeKey),
    await measure(`readiness: GET /api/health (no auth, one trivial query)`, `${base}/api/health`, acmeKey),
    await measure(`list, large org (default 30 days: ${bench.count} anomalies)`, `${base}/api/v1/anomalies`, benchKey),
    await measure(`list, large org (days=730: ${benchAll.count} anomalies)`, `${base}/api/v1/anomalies?days=730`, benchKey),
    await measure(`detail, large org`, `${base}/api/v1/anomalies/${bench.id}`, benchKey),
  ];
  const table = [
    `${CONNECTIONS} connections, ${DURATION_S} s per row, autocannon against \`next start\` on ${dbKind}.`,
    "",
    "| endpoint | requests/s | p50 | p99 | 2xx / all |",
    "|---|---|---|---|---|",
    ...rows.map((row) => row.line),
    "",
    "Ratios to the floor in this run (target: list and detail ≥ 80 %):",
    "",
    ...ratioLines(floor, rows.slice(1)),
  ].join("\n");
  console.log(table);
  writeBenchSection(`api-${dbKind}`, `Cloud anomalies API (${dbKind})`, table);
} finally {
  await app?.stop();
  await cleanup();
}
