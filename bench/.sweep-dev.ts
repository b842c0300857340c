// dev-only sweep helper (not committed)
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseSeriesCsv } from "../lib/cli/detect-series";
import { detectSeriesTuned, DEFAULT_TUNING, type DetectorTuning } from "../lib/detection/detect";
const nabDir = "/work/shared/nab";
async function main() {
  const scorer: any = await import(pathToFileURL(path.join(nabDir, "score.mjs")).href);
  const corpus = scorer.loadCorpus({ nabDir });
  const data = corpus.files.map((f: any) => ({ key: f.key, s: parseSeriesCsv(readFileSync(path.join(nabDir, "data", f.key), "utf8")) }));
  const variants: Partial<DetectorTuning>[] = JSON.parse(process.argv[2] ?? "[{}]");
  for (const v of variants) {
    const tuning = { ...DEFAULT_TUNING, ...v };
    const scores = new Map(), flags = new Map();
    const t = performance.now();
    for (const d of data) {
      const r = detectSeriesTuned(d.s.timestamps, d.s.values, {}, tuning);
      scores.set(d.key, Float64Array.from(r, (x) => x.score));
      flags.set(d.key, Float64Array.from(r, (x) => (x.isAnomaly ? 1 : 0)));
    }
    const ms = performance.now() - t;
    const o = scorer.scoreDetector(corpus, scores);
    const f = scorer.scoreDetector(corpus, flags, { thresholds: { standard: 0.5, reward_low_FP_rate: 0.5, reward_low_FN_rate: 0.5 } });
    const P = ["standard", "reward_low_FP_rate", "reward_low_FN_rate"];
    console.log(JSON.stringify(v), "opt", P.map((p) => o.profiles[p].score.toFixed(1)).join("/"), "thr", o.profiles.standard.threshold?.toFixed(3),
      "| def", P.map((p) => f.profiles[p].score.toFixed(1)).join("/"), "hit", f.profiles.standard.windowsDetected, "fp", f.profiles.standard.fpRows, `${ms.toFixed(0)}ms`);
  }
}
main();
