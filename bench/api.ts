// `npm run bench:api [-- postgres]`: requests/s, p50 and p99 of the cloud API's list and
// detail endpoints at 50 concurrent connections, on the demo data and on a large
// organization (100 providers × 30 services × 2 years), against the built app, beside the
// empty route handler and (SQLite) a plain node:http + better-sqlite3 server running the list's query.
import autocannon from "autocannon";
import { createServer, type Server } from "node:http";
import { bandwatchCli as cli, buildIfMissing, createDatabase, startApp, type RunningApp } from "../scripts/app-server.mjs";
import { createLargeOrg } from "./large-org";
import { writeBenchSection } from "./report";

const dbKind = process.argv.includes("postgres") ? "postgres" : "sqlite";
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const INTERLEAVED_ROUNDS = 5;

interface Row {
  title: string;
  perSecond: number;
  line: string;
}

interface Round {
  requests: number;
  seconds: number;
  ok: number;
  all: number;
  p50: number;
  p99: number;
}

type Headers = Record<string, string>;

async function round(url: string, key: string, seconds: number, extraHeaders: Headers = {}): Promise<Round> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: { authorization: `Bearer ${key}`, ...extraHeaders } });
  const ok = result["2xx"];
  return { requests: ok + result.non2xx, seconds, ok, all: ok + result.non2xx + result.errors, p50: result.latency.p50, p99: result.latency.p99 };
}

/** Requests/s over all rounds; p50 the median round's, p99 the worst round's. */
function summarize(title: string, rounds: Round[]): Row {
  const sum = (pick: (r: Round) => number) => rounds.reduce((total, r) => total + pick(r), 0);
  const perSecond = sum((r) => r.requests) / sum((r) => r.seconds);
  const p50s = rounds.map((r) => r.p50).sort((a, b) => a - b);
  const p50 = p50s[Math.floor(p50s.length / 2)];
  const p99 = Math.max(...rounds.map((r) => r.p99));
  const line = `| ${title} | ${Math.round(perSecond).toLocaleString("en")} | ${p50} ms | ${p99} ms | ${sum((r) => r.ok).toLocaleString("en")} / ${sum((r) => r.all).toLocaleString("en")} |`;
  return { title, perSecond, line };
}

/** One request first, so the row measures the kept answer rather than the 50 requests that wait for its first computation (measured apart: missLines). */
async function measure(title: string, url: string, key: string, extraHeaders: Headers = {}): Promise<Row> {
  await (await fetch(url, { headers: { authorization: `Bearer ${key}`, ...extraHeaders } })).arrayBuffer();
  return summarize(title, [await round(url, key, DURATION_S, extraHeaders)]);
}

/**
 * The floor for a body of that size: a bare node:http server sending the very bytes the app
 * sent, so the list's row can be read against what moving those bytes to autocannon costs
 * on this machine, without Next.js.
 */
async function rawServerOf(url: string, key: string): Promise<{ server: Server; url: string; bytes: number }> {
  const plain = (await rawGet(url, { authorization: `Bearer ${key}` })).body;
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": plain.byteLength });
    res.end(plain);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}/`, bytes: plain.byteLength };
}

/**
 * The other yardstick: a plain node:http server running the demo list's query with
 * better-sqlite3 on the same database file and sending the rows as JSON (no framework, no key
 * check, no shaping of the answer, no kept answers): what the query and the socket cost alone.
 */
async function rawSqliteListServer(file: string, orgSlug: string): Promise<{ server: Server; url: string; close: () => void }> {
  const { default: Database } = await import("better-sqlite3");
  const sqlite = new Database(file, { readonly: true });
  const org = sqlite.prepare<[string], { id: string }>(`SELECT id FROM "Organization" WHERE slug = ?`).get(orgSlug);
  if (!org) throw new Error(`no organization ${orgSlug}`);
  const list = sqlite.prepare(
    `SELECT id, type, "providerId", day, actual, expected, "expectedLower", "expectedUpper", "deviationPercent", "topServices", status, "detectedAt", metric, severity, direction, "lastDay", days, impact, "isResolved", "resolvedAt", "withdrawnAt", "monitorId", "dimensionKey", "dimensionValue", "suppressedBy", provisional, "explainedBy"
     FROM "Anomaly" WHERE "orgId" = ? AND type IN ('cost', 'performance') AND (day >= ? OR "lastDay" >= ?) AND "withdrawnAt" IS NULL ORDER BY day DESC, id DESC`,
  );
  const server = createServer((_req, res) => {
    const since = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const body = JSON.stringify({ data: list.all(org.id, since, since) });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}/`, close: () => (server.close(), sqlite.close()) };
}

/** A GET with no Accept-Encoding, its body byte for byte. */
async function rawGet(url: string, headers: Headers): Promise<{ body: Buffer }> {
  const { get } = await import("node:http");
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ body: Buffer.concat(chunks) }));
      res.on("error", reject);
    }).on("error", reject);
  });
}

/** A kept answer's miss: one request right after a commit (which drops every kept answer), alone on the server. */
async function missLines(write: () => void, targets: Array<{ title: string; url: string; key: string }>): Promise<string[]> {
  const lines: string[] = [];
  for (const target of targets) {
    write();
    const started = performance.now();
    const res = await fetch(target.url, { headers: { authorization: `Bearer ${target.key}` } });
    await res.arrayBuffer();
    const missMs = performance.now() - started;
    const again = performance.now();
    await (await fetch(target.url, { headers: { authorization: `Bearer ${target.key}` } })).arrayBuffer();
    lines.push(`- ${target.title}: first request after a write ${Math.round(missMs)} ms (status ${res.status}), the next ${Math.round(performance.now() - again)} ms`);
  }
  return lines;
}

/**
 * The rows a target compares take turns in short rounds (floor, list, detail, floor, …), so a
 * change in the shared machine's load falls on all of them alike instead of on one row.
 */
async function measureInterleaved(targets: Array<{ title: string; url: string; key: string }>): Promise<Row[]> {
  const rounds = targets.map(() => [] as Round[]);
  for (const target of targets) await (await fetch(target.url, { headers: { authorization: `Bearer ${target.key}` } })).arrayBuffer();
  for (let r = 0; r < INTERLEAVED_ROUNDS; r++) {
    for (const [i, target] of targets.entries()) rounds[i].push(await round(target.url, target.key, DURATION_S / INTERLEAVED_ROUNDS));
  }
  return targets.map((target, i) => summarize(target.title, rounds[i]));
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
  const [floor, ...targets] = await measureInterleaved([
    { title: "floor: GET /api/health/live (empty handler: no auth, no database)", url: `${base}/api/health/live`, key: acmeKey },
    { title: "list, demo org (default 30 days)", url: `${base}/api/v1/anomalies`, key: acmeKey },
    { title: "detail, demo org", url: `${base}/api/v1/anomalies/${acme.id}`, key: acmeKey },
  ]);
  const listAll = `${base}/api/v1/anomalies?days=730`;
  const raw = await rawServerOf(listAll, benchKey);
  const rows = [
    floor,
    ...targets,
    await measure(`readiness: GET /api/health (no auth, one trivial query)`, `${base}/api/health`, acmeKey),
    await measure(`list, large org (default 30 days: ${bench.count} anomalies)`, `${base}/api/v1/anomalies`, benchKey),
    await measure(`list, large org (days=730: ${benchAll.count} anomalies, ${raw.bytes.toLocaleString("en")} bytes)`, listAll, benchKey),
    await measure(`floor for that body: bare node:http sending the same ${raw.bytes.toLocaleString("en")} bytes`, raw.url, benchKey),
    await measure(`list, large org (days=730), the client sending Accept-Encoding: gzip (answered uncompressed all the same)`, listAll, benchKey, { "accept-encoding": "gzip" }),
    await measure(`detail, large org`, `${base}/api/v1/anomalies/${bench.id}`, benchKey),
  ];
  raw.server.close();
  if (dbKind === "sqlite") {
    const { sqliteFileFromUrl } = await import("@/lib/db/url");
    const plain = await rawSqliteListServer(sqliteFileFromUrl(url), "acme");
    rows.push(await measure("context: plain node:http + better-sqlite3 running the demo list's query on the same file (no framework, no key check, no shaping, nothing kept)", plain.url, acmeKey));
    plain.close();
  }
  const misses = await missLines(() => cli(["keys", "create", "--org", "acme", "--json"], env), [
    { title: "list, large org (days=730)", url: listAll, key: benchKey },
    { title: "detail, large org", url: `${base}/api/v1/anomalies/${bench.id}`, key: benchKey },
  ]);
  const table = [
    `${CONNECTIONS} connections, ${DURATION_S} s per row, autocannon against \`next start\` on ${dbKind}; each URL requested once before its row (its first computation is measured apart, below). ` +
      `The first three rows took turns in ${INTERLEAVED_ROUNDS} rounds of ${DURATION_S / INTERLEAVED_ROUNDS} s (p99: the worst round's). ` +
      "autocannon sends no Accept-Encoding unless the row says so; Next.js compresses no route handler's answer either way.",
    "",
    "| endpoint | requests/s | p50 | p99 | 2xx / all |",
    "|---|---|---|---|---|",
    ...rows.map((row) => row.line),
    "",
    "Ratios to the floor in this run (target: list and detail ≥ 80 %):",
    "",
    ...ratioLines(floor, rows.slice(1)),
    "",
    "A kept answer's miss (one request alone, right after a write through the CLI, which drops every kept answer):",
    "",
    ...misses,
  ].join("\n");
  console.log(table);
  writeBenchSection(`api-${dbKind}`, `Cloud anomalies API (${dbKind})`, table);
} finally {
  await app?.stop();
  await cleanup();
}
