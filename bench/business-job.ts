/**
 * The multi-service cost scenarios of the business benchmark through the REAL job:
 * `npm run bench:business-job [-- --db postgres] [--seeds 1,2]`.
 *
 * For each seed of bench/business-corpus.ts (tuning seeds 1, 2, 3 and the held-back seed 2027):
 *   - a fresh database (SQLite temp file, or a temporary PostgreSQL database), migrated with
 *     `bandwatch db migrate`; one organization per seed, an API key, one provider per corpus
 *     provider (15 per seed, each with three services);
 *   - the built app is started (`next start` on a free port; `next build` first if there is no
 *     build) and each provider's per-service daily costs are POSTed to
 *     /api/v1/providers/{id}/costs, as a user would (one request per provider: 1,260 rows,
 *     under the 5,000-row and 1 MB limits; 15 requests per organization, far under the
 *     per-organization write rate limit of 120 a minute, so it is not raised);
 *   - one `bandwatch detect --now <the day after the corpus' last day>`;
 *   - GET /api/v1/anomalies?provider_id=..&type=cost&days=.. reads the anomalies back (the list
 *     has no pagination: one request returns the provider's whole window).
 * Each anomaly's extent (date..last_date) becomes alarmed days of the provider TOTAL, scored by
 * the same window scorer as `bench:business` (bench/business-score.ts). Also scored: the first
 * day only (one alarm per anomaly, what a user is notified of), and the in-process
 * `detect-series` on the same provider totals for comparison. PR-AUC and the best-threshold F1
 * need a score for every day, which the API does not give: not reported.
 *
 * The corpus' days (2023-11-01 .. 2024-12-24) lie inside the ingest's accepted range
 * (2000-01-01 .. today + 2) and inside the job's three-year window before --now, so they are
 * posted unshifted; the run stops if that ever stops being true.
 */
import { bandwatchCli as cli, buildIfMissing, createDatabase, startApp, type RunningApp as App } from "../scripts/app-server.mjs";
import { detectCsv } from "../lib/cli/detect-series";
import { generateCorpus, HELD_BACK_SEED, TUNING_SEEDS, type LabelledSeries } from "./business-corpus";
import { detailLines, emptyTally, f2, figures, merge, parseOutput, pct, scoreSeries, toCsv, type FamilyTally } from "./business-score";
import { writeBenchSection } from "./report";

const DAY = 86_400_000;

interface ProviderCase { seed: number; name: string; services: LabelledSeries[]; total: LabelledSeries }
interface AnomalyOut { date: string; last_date: string; direction: string; type: string; deviation_percent: number; top_services: Array<{ service: string }> }
/** Tallies of one seed: the job scored by extent and by first day, and in-process detect-series. */
interface SeedTallies { extent: FamilyTally; firstDay: FamilyTally; inProcess: FamilyTally; anomalies: number; down: number; detectMs: number; postMs: number; falseFirst: Map<string, number> }

function providerCases(seed: number): ProviderCase[] {
  const byProvider = new Map<string, LabelledSeries[]>();
  for (const s of generateCorpus(seed)) {
    if (s.family !== "cost") continue;
    const name = s.id.split("/")[1];
    byProvider.set(name, [...(byProvider.get(name) ?? []), s]);
  }
  return [...byProvider].map(([name, series]) => {
    const total = series.find((s) => s.id.endsWith("/total"));
    if (!total) throw new Error(`corpus provider ${name} has no total`);
    return { seed, name, total, services: series.filter((s) => s !== total) };
  });
}

let requestNo = 0;

async function call(app: App, key: string, url: string, init: { method?: string; body?: unknown } = {}): Promise<unknown> {
  const method = init.method ?? "GET";
  // With an Idempotency-Key a write can be repeated safely: the server answers a repeat with the first result.
  const headers: Record<string, string> = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  if (method !== "GET") headers["idempotency-key"] = `bench-business-job-${process.pid}-${++requestNo}`;
  const request = () => fetch(`${app.base}${url}`, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  // A kept-alive connection the server closed while idle fails with "other side closed"
  // before the request reaches the app: send it again, once.
  const res = await request().catch(() => request());
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Refuses a corpus whose days the ingest would reject (outside 2000-01-01 .. today + 2). */
function checkDataRange(cases: ProviderCase[]): void {
  const ts = cases[0].total.timestamps;
  if (ts[0] < Date.UTC(2000, 0, 1) || ts[ts.length - 1] > Date.now() + DAY) throw new Error("corpus days fall outside the ingest's accepted range: shift them");
}

interface OrgSetup { key: string; providerIds: number[] }

/** One organization per seed (business plan), an API key and one provider per corpus provider. */
function setUpOrg(seed: number, cases: ProviderCase[], env: NodeJS.ProcessEnv): OrgSetup {
  const slug = `bench-seed-${seed}`;
  cli(["orgs", "create", "--slug", slug, "--name", `Business benchmark seed ${seed}`, "--plan", "business", "--json"], env);
  const { key } = JSON.parse(cli(["keys", "create", "--org", slug, "--json"], env)) as { key: string };
  const providerIds = cases.map((c) => (JSON.parse(cli(["providers", "create", "--org", slug, "--kind", "other", "--name", c.name, "--json"], env)) as { id: number }).id);
  return { key, providerIds };
}

/** Each service's daily costs, the way a user posts them (one request per provider). */
async function postCosts(app: App, key: string, providerId: number, c: ProviderCase): Promise<void> {
  const rows = c.services.flatMap((s) => s.values.map((amount, i) => ({ date: isoDay(s.timestamps[i]), service: s.id.split("/")[2], amount })));
  // detect=true: the ingest's own detection runs inside the request (at the wall clock) instead
  // of a queued background run that could start after, and overwrite, the --now run below.
  for (let i = 0; i < rows.length; i += 4000) await call(app, key, `/api/v1/providers/${providerId}/costs?detect=true`, { method: "POST", body: rows.slice(i, i + 4000) });
}

function flagsOf(total: LabelledSeries, anomalies: AnomalyOut[], extent: boolean): Uint8Array {
  const flags = new Uint8Array(total.values.length);
  const index = (day: string) => Math.round((Date.parse(`${day}T00:00:00Z`) - total.timestamps[0]) / DAY);
  for (const a of anomalies) {
    const from = index(a.date);
    const to = extent ? index(a.last_date) : from;
    for (let i = Math.max(0, from); i <= Math.min(flags.length - 1, to); i++) flags[i] = 1;
  }
  return flags;
}

/** Scores the anomalies read back for one provider, and in-process detect-series on its total. */
function scoreProvider(c: ProviderCase, anomalies: AnomalyOut[], t: SeedTallies): void {
  for (const [extent, tally] of [[true, t.extent], [false, t.firstDay]] as const) {
    const flags = flagsOf(c.total, anomalies, extent);
    scoreSeries(c.total, Float64Array.from(flags), flags, tally);
  }
  const { scores, flags } = parseOutput(detectCsv(toCsv(c.total)));
  scoreSeries(c.total, scores, flags, t.inProcess);
  for (const a of anomalies) {
    // A first day outside every incident and ignore window is a false alarm: note what kind.
    const i = Math.round((Date.parse(`${a.date}T00:00:00Z`) - c.total.timestamps[0]) / DAY);
    if (c.total.windows.some((w) => w.type !== "quiet" && i >= w.start && i <= w.end)) continue;
    const kind = `${a.direction} ${a.deviation_percent >= 100 || a.deviation_percent <= -50 ? "large" : "small"} (${a.top_services[0]?.service ?? "no service"})`;
    t.falseFirst.set(kind, (t.falseFirst.get(kind) ?? 0) + 1);
  }
  t.anomalies += anomalies.length;
  t.down += anomalies.filter((a) => a.direction === "down").length;
}

interface SeedRun { cases: ProviderCase[]; org: OrgSetup; postMs: number }

async function postSeed(seed: number, app: App, env: NodeJS.ProcessEnv): Promise<SeedRun> {
  const cases = providerCases(seed);
  checkDataRange(cases);
  const org = setUpOrg(seed, cases, env);
  const t0 = performance.now();
  for (let p = 0; p < cases.length; p++) await postCosts(app, org.key, org.providerIds[p], cases[p]);
  return { cases, org, postMs: performance.now() - t0 };
}

async function readBack(run: SeedRun, app: App, detectMs: number): Promise<SeedTallies> {
  const t: SeedTallies = { extent: emptyTally(), firstDay: emptyTally(), inProcess: emptyTally(), anomalies: 0, down: 0, detectMs, postMs: run.postMs, falseFirst: new Map() };
  // `days` counts back from the wall clock: reach the corpus' first day.
  const days = Math.ceil((Date.now() - run.cases[0].total.timestamps[0]) / DAY) + 3;
  for (let p = 0; p < run.cases.length; p++) {
    const body = (await call(app, run.org.key, `/api/v1/anomalies?provider_id=${run.org.providerIds[p]}&type=cost&days=${days}`)) as { data: AnomalyOut[] };
    scoreProvider(run.cases[p], body.data, t);
  }
  return t;
}

/** Posts every seed (one organization each), runs the job once over all of them, reads back. */
async function runAll(seeds: number[], app: App, env: NodeJS.ProcessEnv): Promise<Map<number, SeedTallies>> {
  const posted = new Map<number, SeedRun>();
  for (const seed of seeds) posted.set(seed, await postSeed(seed, app, env));
  // The job's clock: the day after the corpus' last day, early morning (yesterday's data complete).
  const ts = [...posted.values()][0].cases[0].total.timestamps;
  const now = new Date(ts[ts.length - 1] + DAY + 6 * 3_600_000).toISOString();
  const t0 = performance.now();
  const summary = JSON.parse(cli(["detect", "--now", now, "--json"], env)) as { status: string; series: number; created: number };
  const detectMs = performance.now() - t0;
  console.error(`detect --now ${now}: ${summary.status}, ${summary.series} series, ${summary.created} anomalies, ${(detectMs / 1000).toFixed(1)} s`);
  const out = new Map<number, SeedTallies>();
  for (const [seed, run] of posted) out.set(seed, await readBack(run, app, detectMs));
  return out;
}

function row(name: string, t: FamilyTally): string {
  const g = figures(t);
  return `| ${name} | ${g.series} | ${g.incidents} | ${g.hits} | ${g.falseAlarms} | ${f2(g.precision)} | ${f2(g.recall)} | ${f2(g.f1)} | ${pct(g.quietFlagged)} of ${g.quietWindows} |`;
}

function table(title: string, runs: SeedTallies[]): string[] {
  const pool = (pick: (t: SeedTallies) => FamilyTally) => merge(runs.map(pick));
  const anomalies = runs.reduce((a, r) => a + r.anomalies, 0);
  const down = runs.reduce((a, r) => a + r.down, 0);
  return [
    `**${title}**: ${anomalies} cost anomalies read back (${down} of them drops)`,
    "",
    "| provider totals scored by | series | incidents | hits | false alarms (days) | precision | recall | F1 | must-not-alarm flagged |",
    "|---|---|---|---|---|---|---|---|---|",
    row("job via the API, each anomaly's days date..last_date", pool((r) => r.extent)),
    row("job via the API, each anomaly's first day only", pool((r) => r.firstDay)),
    row("in-process `detect-series` on the same totals (no options)", pool((r) => r.inProcess)),
  ];
}

function parseArgs(argv: string[]): { seeds: number[]; dbKind: "sqlite" | "postgres"; showDetail: boolean } | null {
  let seeds = [...TUNING_SEEDS, HELD_BACK_SEED];
  let dbKind: "sqlite" | "postgres" = "sqlite";
  let showDetail = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--seeds") seeds = argv[++i].split(",").map(Number);
    else if (argv[i] === "--detail") showDetail = true;
    else if (argv[i] === "--db" && (argv[i + 1] === "sqlite" || argv[i + 1] === "postgres")) dbKind = argv[++i] === "postgres" ? "postgres" : "sqlite";
    else {
      console.error(`unknown argument ${argv[i]} (use --seeds 1,2, --db sqlite|postgres, --detail)`);
      return null;
    }
  }
  return { seeds, dbKind, showDetail };
}

function report(runs: Map<number, SeedTallies>, dbKind: string): string {
  const tuning = [...runs.keys()].filter((s) => s !== HELD_BACK_SEED);
  const postMs = [...runs.values()].reduce((a, r) => a + r.postMs, 0);
  const detectMs = [...runs.values()][0]?.detectMs ?? 0;
  const lines = [
    `${runs.size} seed(s) × 15 providers × 3 services × 420 days, ${dbKind}: costs posted to \`POST /api/v1/providers/{id}/costs\` in ${(postMs / 1000).toFixed(1)} s; one \`bandwatch detect --now\` over all seeds (one organization each) ${(detectMs / 1000).toFixed(1)} s including CLI start-up; anomalies read back from \`GET /api/v1/anomalies\`.`,
    "Each POST passes `detect=true`, so the ingest's own detection (at the wall clock) runs inside the request and no queued background run can follow the `--now` run; that run's result is what the list shows (anomalies it does not support are withdrawn, hidden from the list). An anomaly's days after its first extend it: scored by extent, a lasting step's extension past the 7-day incident window counts as false-alarm days, so the first-day row is the per-alarm precision.",
    "Scored on the provider totals' windows (incidents moving the total by at least a quarter; smaller service incidents are \"ignore\"). PR-AUC and best-threshold F1 are not available: the API returns alarms, not a score for every day.",
    "",
  ];
  if (tuning.length) lines.push(...table(`Tuning seeds ${tuning.join(", ")} (pooled)`, tuning.map((s) => runs.get(s)!)), "");
  const held = runs.get(HELD_BACK_SEED);
  if (held) lines.push(...table(`Held-back seed ${HELD_BACK_SEED} (never tuned on)`, [held]), "");
  return lines.join("\n");
}

async function main(argv: string[]): Promise<number> {
  const opts = parseArgs(argv);
  if (!opts) return 2;
  const { url, cleanup } = await createDatabase(opts.dbKind, "bandwatch_bench_job");
  const env = { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1", NEXT_TELEMETRY_DISABLED: "1", BANDWATCH_DETECT_INTERVAL_MINUTES: "0", NEXTAUTH_SECRET: "bench" };
  let app: App | null = null;
  try {
    cli(["db", "migrate"], env);
    buildIfMissing(env);
    app = await startApp(env);
    const runs = await runAll(opts.seeds, app, env);
    const text = report(runs, opts.dbKind);
    console.log(text);
    if (opts.showDetail) {
      for (const [seed, t] of runs) {
        console.log(detailLines(`seed ${seed}`, t.extent, "false alarm days").join("\n"));
        console.log(`seed ${seed}: false first days by direction, size (|deviation| ≥ 100 % up or ≥ 50 % down) and top service: ${[...t.falseFirst].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ")}`);
      }
    }
    const complete = TUNING_SEEDS.every((s) => runs.has(s)) && runs.has(HELD_BACK_SEED);
    if (complete) writeBenchSection(`business-job-${opts.dbKind}`, `Business benchmark, multi-service cost through the real job (${opts.dbKind}), generated by \`npm run bench:business-job\``, text);
    return 0;
  } finally {
    await app?.stop();
    await cleanup();
  }
}

process.exitCode = await main(process.argv.slice(2));
