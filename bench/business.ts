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
import { generateCorpus, HELD_BACK_SEED, TUNING_SEEDS, type Family } from "./business-corpus";
import { detailLines, emptyTally, FAMILIES, merge, parseOutput, scoreSeries, table, toCsv, type FamilyTally } from "./business-score";
import { writeBenchSection } from "./report";

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

function detail(byFamily: Record<Family, FamilyTally>): string[] {
  return FAMILIES.flatMap((f) => detailLines(f, byFamily[f]));
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
