/**
 * NAB benchmark for the detect-series engine.
 *
 *   npx tsx bench/nab.ts [--nab-dir ../shared/nab] [--out /tmp/bandwatch-nab] [--json out.json]
 *                        [--tuning '{"alarmRestPoints":150}']
 *
 * --tuning overrides internal detector constants (DEFAULT_TUNING) for one run: how the
 * experiment log in docs/detection.md was measured. Without it the product defaults run.
 *
 * Runs the same code path as `bandwatch detect-series` (in-process) over every NAB
 * data file, writes NAB-format result CSVs and scores them with NAB's validated
 * scorer twice: with NAB's corpus-wide threshold optimisation over anomaly_score,
 * and at the product default (the is_anomaly column, no tuning). Labels are only
 * read by the scorer, never by the detector.
 */
import { writeBenchSection } from "./report";
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { detectCsv } from "../lib/cli/detect-series";
import { DEFAULT_TUNING } from "../lib/detection/detect";

interface ProfileResult { threshold: number | null; score: number; windowsDetected: number; windowsMissed: number; fpRows: number }
interface Summary { profiles: Record<string, ProfileResult> }
interface CorpusFile { key: string }
interface Corpus { files: CorpusFile[] }
interface ScoreModule {
  loadCorpus(o: { nabDir: string }): Corpus;
  loadResults(dir: string, corpus: Corpus, o: { column?: string }): { scores: Map<string, Float64Array> };
  scoreDetector(corpus: Corpus, scores: Map<string, Float64Array>, o?: { thresholds?: Record<string, number> | null }): Summary;
}

const PROFILES = ["standard", "reward_low_FP_rate", "reward_low_FN_rate"] as const;
const SHORT: Record<string, string> = { standard: "standard", reward_low_FP_rate: "low FP", reward_low_FN_rate: "low FN" };

async function main(argv: string[]): Promise<number> {
  let nabDir = path.resolve(process.cwd(), "../shared/nab");
  let outDir = "/tmp/bandwatch-nab";
  let jsonOut: string | undefined;
  let quiet = false;
  let tuned = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--nab-dir") nabDir = path.resolve(argv[++i]);
    else if (argv[i] === "--out") outDir = path.resolve(argv[++i]);
    else if (argv[i] === "--json") jsonOut = argv[++i];
    else if (argv[i] === "--quiet") quiet = true;
    else if (argv[i] === "--tuning") {
      Object.assign(DEFAULT_TUNING, JSON.parse(argv[++i]) as Partial<typeof DEFAULT_TUNING>);
      tuned = true;
    }
    else {
      console.error(`unknown argument ${argv[i]}`);
      return 2;
    }
  }
  const scorer = (await import(pathToFileURL(path.join(nabDir, "score.mjs")).href)) as ScoreModule;
  const dataDir = path.join(nabDir, "data");
  const keys: string[] = [];
  for (const cat of readdirSync(dataDir).sort()) {
    const d = path.join(dataDir, cat);
    if (!existsSync(d) || cat.endsWith(".md")) continue;
    for (const f of readdirSync(d).sort()) if (f.endsWith(".csv")) keys.push(`${cat}/${f}`);
  }
  let detectMs = 0;
  let rows = 0;
  for (const key of keys) {
    const text = readFileSync(path.join(dataDir, key), "utf8");
    const t = performance.now();
    const csv = detectCsv(text);
    detectMs += performance.now() - t;
    rows += csv.split("\n").length - 2;
    const file = path.join(outDir, key);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, csv);
  }

  const corpus = scorer.loadCorpus({ nabDir });
  const byScore = scorer.loadResults(outDir, corpus, { column: "anomaly_score" }).scores;
  const byFlag = scorer.loadResults(outDir, corpus, { column: "is_anomaly" }).scores;
  const optimised = scorer.scoreDetector(corpus, byScore);
  const fixed = { standard: 0.5, reward_low_FP_rate: 0.5, reward_low_FN_rate: 0.5 };
  const atDefault = scorer.scoreDetector(corpus, byFlag, { thresholds: fixed });

  // Per category: each category scored as its own corpus at the thresholds chosen for the whole corpus.
  const categories = [...new Set(keys.map((k) => k.split("/")[0]))];
  const perCategory = categories.map((cat) => {
    const sub: Corpus = { ...corpus, files: corpus.files.filter((f) => f.key.startsWith(cat + "/")) };
    const thr: Record<string, number> = {};
    for (const p of PROFILES) thr[p] = optimised.profiles[p].threshold ?? Infinity;
    const o = scorer.scoreDetector(sub, byScore, { thresholds: thr });
    const d = scorer.scoreDetector(sub, byFlag, { thresholds: fixed });
    return { category: cat, files: sub.files.length, optimised: o.profiles, atDefault: d.profiles };
  });

  const f2 = (x: number) => x.toFixed(1);
  const lines: string[] = [];
  lines.push(`detect-series on NAB: ${keys.length} files, ${rows} rows, detector time ${(detectMs / 1000).toFixed(2)} s`);
  lines.push("");
  lines.push("| profile | optimised threshold | score (optimised) | score at default is_anomaly | windows hit / FP rows (default) |");
  lines.push("|---|---|---|---|---|");
  for (const p of PROFILES) {
    const o = optimised.profiles[p];
    const d = atDefault.profiles[p];
    lines.push(`| ${SHORT[p]} | ${o.threshold === null ? "none" : o.threshold.toFixed(4)} | ${f2(o.score)} | ${f2(d.score)} | ${d.windowsDetected} / ${d.fpRows} |`);
  }
  lines.push("");
  lines.push("| category | files | standard (opt) | low FP (opt) | low FN (opt) | standard (default) | low FP (default) | low FN (default) |");
  lines.push("|---|---|---|---|---|---|---|---|");
  for (const c of perCategory) {
    if (!Number.isFinite(c.optimised.standard.score)) {
      // No windows: NAB's normalisation is 0/0 there; report the false-positive rows instead.
      lines.push(`| ${c.category} | ${c.files} | ${PROFILES.map((p) => `${c.optimised[p].fpRows} FP`).join(" | ")} | ${PROFILES.map((p) => `${c.atDefault[p].fpRows} FP`).join(" | ")} |`);
      continue;
    }
    lines.push(`| ${c.category} | ${c.files} | ${PROFILES.map((p) => f2(c.optimised[p].score)).join(" | ")} | ${PROFILES.map((p) => f2(c.atDefault[p].score)).join(" | ")} |`);
  }
  const report = lines.join("\n");
  if (!quiet) console.log(report);
  // The product's figures: only a run with the shipped constants updates BENCHMARKS.md.
  if (!tuned) writeBenchSection("nab", "NAB, generated by `npm run bench:nab`", report);
  else console.log(lines.slice(0, 7).join("\n"));
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ optimised: optimised.profiles, atDefault: atDefault.profiles, perCategory }, null, 2) + "\n");
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => { console.error(e); process.exitCode = 1; },
);
