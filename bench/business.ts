/**
 * Business benchmark: `npm run bench:business [-- --seeds 1,2 --detail --tuning '{...}' --with-kind]`.
 *
 * Generates the labelled corpus of bench/business-corpus.ts for the tuning seeds (1, 2, 3,
 * pooled) and the held-back seed (2027, never tuned on), runs every series through the same
 * code as `bandwatch detect-series` (in-process, CSV in, CSV out, no options unless
 * --with-kind: what a user who just exports a series gets) and scores it by windows:
 *   - an incident window with at least one alarm is one hit, however many alarms it holds;
 *   - an alarm outside every window, or inside a must-not-alarm ("quiet") window, is a false alarm;
 *   - alarms inside "ignore" windows (warm-up, first occurrences) do not count.
 * Precision = hits / (hits + false alarms), recall = hits / incidents. "default" reads the
 * is_anomaly column; PR-AUC (average precision) and the best F1 sweep a threshold over
 * anomaly_score. Writes the figures into BENCHMARKS.md (only for a run with the shipped
 * constants, all seeds and no --with-kind).
 */
import { detectCsv } from "../lib/cli/detect-series";
import { DEFAULT_TUNING } from "../lib/detection/detect";
import { detectSeries, type SeriesKind } from "../lib/detection";
import { gaussian, seededRandom } from "../lib/seed/random";
import { generateCorpus, HELD_BACK_SEED, TUNING_SEEDS, type Family, type LabelledSeries } from "./business-corpus";
import { writeBenchSection } from "./report";

interface FamilyTally {
  series: number;
  points: number;
  incidents: number[];
  incidentHit: boolean[];
  incidentLabels: string[];
  quiet: number[];
  quietHit: boolean[];
  quietLabels: string[];
  fpScores: number[];
  fpDefault: number;
  fpLabels: Map<string, number>;
}

const FAMILIES: Family[] = ["cost", "web", "infra"];

function emptyTally(): FamilyTally {
  return { series: 0, points: 0, incidents: [], incidentHit: [], incidentLabels: [], quiet: [], quietHit: [], quietLabels: [], fpScores: [], fpDefault: 0, fpLabels: new Map() };
}

function toCsv(s: LabelledSeries): string {
  const lines = ["timestamp,value"];
  for (let i = 0; i < s.values.length; i++) {
    const iso = new Date(s.timestamps[i]).toISOString();
    lines.push(`${s.format === "date" ? iso.slice(0, 10) : iso},${s.values[i]}`);
  }
  return lines.join("\n") + "\n";
}

function parseOutput(csv: string): { scores: Float64Array; flags: Uint8Array } {
  const lines = csv.trimEnd().split("\n");
  const scores = new Float64Array(lines.length - 1);
  const flags = new Uint8Array(lines.length - 1);
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split(",");
    scores[i - 1] = Number(cells[5]) || 0;
    flags[i - 1] = cells[6] === "1" ? 1 : 0;
  }
  return { scores, flags };
}

/** Scores one series into its family's tally. */
function scoreSeries(s: LabelledSeries, scores: Float64Array, flags: Uint8Array, t: FamilyTally): void {
  const n = s.values.length;
  // Role of each point: 0 = outside every window, 1 = quiet, 2 = ignore, 3 = incident.
  const role = new Uint8Array(n);
  for (const w of s.windows) {
    const r = w.type === "incident" ? 3 : w.type === "ignore" ? 2 : 1;
    for (let i = Math.max(0, w.start); i <= Math.min(n - 1, w.end); i++) role[i] = Math.max(role[i], r);
  }
  for (const w of s.windows) {
    if (w.type === "ignore") continue;
    let max = 0;
    let hit = false;
    for (let i = Math.max(0, w.start); i <= Math.min(n - 1, w.end); i++) {
      if (w.type === "quiet" && role[i] !== 1) continue;
      max = Math.max(max, scores[i]);
      hit ||= flags[i] === 1;
    }
    if (w.type === "incident") {
      t.incidents.push(max);
      t.incidentHit.push(hit);
      t.incidentLabels.push(w.label);
    } else {
      t.quiet.push(max);
      t.quietHit.push(hit);
      t.quietLabels.push(w.label);
    }
  }
  for (let i = 0; i < n; i++) {
    if (role[i] >= 2) continue;
    if (scores[i] > 0) t.fpScores.push(scores[i]);
    if (flags[i] === 1) {
      t.fpDefault++;
      const place = role[i] === 1 ? (s.windows.find((w) => w.type === "quiet" && i >= w.start && i <= w.end)?.label ?? "quiet") : "outside windows";
      const label = `${place} [${s.id.split("/").pop()}]`;
      t.fpLabels.set(label, (t.fpLabels.get(label) ?? 0) + 1);
    }
  }
  t.series++;
  t.points += n;
}

interface Figures { precision: number; recall: number; f1: number; prAuc: number; bestF1: number; bestThreshold: number; quietFlagged: number; hits: number; incidents: number; falseAlarms: number; quietWindows: number; series: number }

function f1Of(p: number, r: number): number {
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

/** Count of sorted-descending values >= thr. */
function countAtLeast(desc: number[], thr: number): number {
  let lo = 0;
  let hi = desc.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (desc[mid] >= thr) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function figures(t: FamilyTally): Figures {
  const hits = t.incidentHit.filter(Boolean).length;
  const precision = hits + t.fpDefault > 0 ? hits / (hits + t.fpDefault) : 0;
  const recall = t.incidents.length ? hits / t.incidents.length : 0;
  const fp = [...t.fpScores].sort((a, b) => b - a);
  const inc = t.incidents.filter((x) => x > 0).sort((a, b) => b - a);
  // The best F1 and each step of the PR curve sit at an incident's peak score: lowering
  // the threshold between two such values only adds false alarms.
  let prAuc = 0;
  let bestF1 = 0;
  let bestThreshold = 1;
  let prevRecall = 0;
  for (let k = 0; k < inc.length; k++) {
    const thr = inc[k];
    if (k + 1 < inc.length && inc[k + 1] === thr) continue;
    const tp = countAtLeast(inc, thr);
    const p = tp / (tp + countAtLeast(fp, thr));
    const r = tp / t.incidents.length;
    prAuc += (r - prevRecall) * p;
    prevRecall = r;
    const f = f1Of(p, r);
    if (f > bestF1) {
      bestF1 = f;
      bestThreshold = thr;
    }
  }
  const quietFlagged = t.quiet.length ? t.quietHit.filter(Boolean).length / t.quiet.length : 0;
  return { precision, recall, f1: f1Of(precision, recall), prAuc, bestF1, bestThreshold, quietFlagged, hits, incidents: t.incidents.length, falseAlarms: t.fpDefault, quietWindows: t.quiet.length, series: t.series };
}

function merge(tallies: FamilyTally[]): FamilyTally {
  const out = emptyTally();
  for (const t of tallies) {
    out.series += t.series;
    out.points += t.points;
    out.incidents.push(...t.incidents);
    out.incidentHit.push(...t.incidentHit);
    out.incidentLabels.push(...t.incidentLabels);
    out.quiet.push(...t.quiet);
    out.quietHit.push(...t.quietHit);
    out.quietLabels.push(...t.quietLabels);
    for (const x of t.fpScores) out.fpScores.push(x);
    out.fpDefault += t.fpDefault;
    for (const [k, v] of t.fpLabels) out.fpLabels.set(k, (out.fpLabels.get(k) ?? 0) + v);
  }
  return out;
}

function runSeed(seed: number, withKind: boolean): { tallies: Record<Family, FamilyTally>; ms: number; points: number } {
  const tallies: Record<Family, FamilyTally> = { cost: emptyTally(), web: emptyTally(), infra: emptyTally() };
  let ms = 0;
  let points = 0;
  for (const s of generateCorpus(seed)) {
    const csv = toCsv(s);
    const t0 = performance.now();
    const out = withKind ? detectCsv(csv, 0.5, { kind: s.kind }) : detectCsv(csv);
    ms += performance.now() - t0;
    points += s.values.length;
    const { scores, flags } = parseOutput(out);
    scoreSeries(s, scores, flags, tallies[s.family]);
  }
  return { tallies, ms, points };
}

const f2 = (x: number) => x.toFixed(2);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

function table(title: string, byFamily: Record<Family, FamilyTally>): string[] {
  const lines = [`**${title}**`, "", "| family | series | incidents | hits | false alarms | precision | recall | F1 (default) | PR-AUC | best F1 (threshold) | must-not-alarm flagged |", "|---|---|---|---|---|---|---|---|---|---|---|"];
  const rows: [string, FamilyTally][] = [...FAMILIES.map((f) => [f, byFamily[f]] as [string, FamilyTally]), ["all", merge(FAMILIES.map((f) => byFamily[f]))]];
  for (const [name, t] of rows) {
    const g = figures(t);
    lines.push(`| ${name} | ${g.series} | ${g.incidents} | ${g.hits} | ${g.falseAlarms} | ${f2(g.precision)} | ${f2(g.recall)} | ${f2(g.f1)} | ${f2(g.prAuc)} | ${f2(g.bestF1)} (${g.bestThreshold.toFixed(3)}) | ${pct(g.quietFlagged)} of ${g.quietWindows} |`);
  }
  return lines;
}

function detail(byFamily: Record<Family, FamilyTally>): string[] {
  const lines: string[] = [];
  for (const f of FAMILIES) {
    const t = byFamily[f];
    const missed = new Map<string, [number, number]>();
    t.incidentLabels.forEach((l, i) => {
      const m = missed.get(l) ?? [0, 0];
      m[1]++;
      if (!t.incidentHit[i]) m[0]++;
      missed.set(l, m);
    });
    const quiet = new Map<string, [number, number]>();
    t.quietLabels.forEach((l, i) => {
      const m = quiet.get(l) ?? [0, 0];
      m[1]++;
      if (t.quietHit[i]) m[0]++;
      quiet.set(l, m);
    });
    lines.push(`${f}: missed ${[...missed].map(([l, [a, b]]) => `${l} ${a}/${b}`).join(", ")}`);
    lines.push(`${f}: quiet flagged ${[...quiet].map(([l, [a, b]]) => `${l} ${a}/${b}`).join(", ")}`);
    lines.push(`${f}: false alarms by place ${[...t.fpLabels].map(([l, c]) => `${l} ${c}`).join(", ")}`);
  }
  return lines;
}

/** CPU time of detectSeries on 100,000 points of three kinds (median of 5 runs): the speed target of issue 9. */
function speedLines(): string[] {
  const r = seededRandom(9);
  const n = 100_000;
  const cases: [string, number, (i: number) => number, SeriesKind][] = [
    ["5-minute gauge", 300_000, (i) => 50 + 10 * Math.sin((i / 288) * 2 * Math.PI) + 5 * gaussian(r), "gauge"],
    ["hourly count", 3_600_000, (i) => Math.max(0, Math.round(200 + 150 * Math.sin((i / 24) * 2 * Math.PI) + 14 * gaussian(r))), "count"],
    ["daily amount", 86_400_000, () => 100 + 5 * gaussian(r), "amount"],
  ];
  const out = ["| 100,000 points | CPU time, median of 5 | wall time, median of 5 |", "|---|---|---|"];
  for (const [name, step, f, kind] of cases) {
    const ts = Array.from({ length: n }, (_, i) => Date.UTC(2000, 0, 1) + i * step);
    const vs = ts.map((_, i) => f(i));
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let k = 0; k < 5; k++) {
      const c = process.cpuUsage();
      const t = performance.now();
      detectSeries(ts, vs, { kind });
      wall.push(performance.now() - t);
      const d = process.cpuUsage(c);
      cpu.push((d.user + d.system) / 1000);
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[2];
    out.push(`| ${name} (${kind}) | ${(med(cpu) / 1000).toFixed(2)} s | ${(med(wall) / 1000).toFixed(2)} s |`);
  }
  return out;
}

function main(argv: string[]): number {
  let seeds = [...TUNING_SEEDS, HELD_BACK_SEED];
  let tuned = false;
  let showDetail = false;
  let withKind = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--seeds") seeds = argv[++i].split(",").map(Number);
    else if (argv[i] === "--detail") showDetail = true;
    else if (argv[i] === "--with-kind") withKind = true;
    else if (argv[i] === "--tuning") {
      Object.assign(DEFAULT_TUNING, JSON.parse(argv[++i]) as Partial<typeof DEFAULT_TUNING>);
      tuned = true;
    } else {
      console.error(`unknown argument ${argv[i]}`);
      return 2;
    }
  }
  const tuning = seeds.filter((s) => s !== HELD_BACK_SEED);
  const runs = new Map(seeds.map((s) => [s, runSeed(s, withKind)]));
  const group = (ss: number[]) => Object.fromEntries(FAMILIES.map((f) => [f, merge(ss.map((s) => runs.get(s)!.tallies[f]))])) as Record<Family, FamilyTally>;
  const lines: string[] = [];
  const ms = [...runs.values()].reduce((a, r) => a + r.ms, 0);
  const points = [...runs.values()].reduce((a, r) => a + r.points, 0);
  const seriesPerSeed = FAMILIES.reduce((a, f) => a + (runs.get(seeds[0])?.tallies[f].series ?? 0), 0);
  lines.push(`detect-series ${withKind ? "with --kind" : "with no options"} over ${runs.size} seed(s) × ${seriesPerSeed} series, ${points} points; detector time ${(ms / 1000).toFixed(2)} s including CSV parsing and writing.`);
  lines.push("");
  if (tuning.length) lines.push(...table(`Tuning seeds ${tuning.join(", ")} (pooled)`, group(tuning)), "");
  if (seeds.includes(HELD_BACK_SEED)) lines.push(...table(`Held-back seed ${HELD_BACK_SEED} (never tuned on)`, group([HELD_BACK_SEED])), "");
  lines.push("Speed (`detectSeries` in-process, the machine's load average is in the header):", "", ...speedLines(), "");
  const report = lines.join("\n");
  console.log(report);
  if (showDetail) {
    if (tuning.length) console.log(["tuning seeds:", ...detail(group(tuning))].join("\n"));
    if (seeds.includes(HELD_BACK_SEED)) console.log(["held-back seed:", ...detail(group([HELD_BACK_SEED]))].join("\n"));
  }
  const complete = TUNING_SEEDS.every((s) => seeds.includes(s)) && seeds.includes(HELD_BACK_SEED);
  if (!tuned && complete && !withKind) writeBenchSection("business", "Business benchmark, generated by `npm run bench:business`", report);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
