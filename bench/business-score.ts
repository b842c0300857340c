/**
 * The business benchmark's scorer, shared by `bench:business` (in-process detect-series) and
 * `bench:business-job` (the real job behind the ingest and anomalies APIs): windows of a
 * labelled series, alarms as per-point flags, figures per family.
 */
import type { Family, LabelledSeries } from "./business-corpus";

export interface FamilyTally {
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

export const FAMILIES: Family[] = ["cost", "web", "infra"];

export function emptyTally(): FamilyTally {
  return { series: 0, points: 0, incidents: [], incidentHit: [], incidentLabels: [], quiet: [], quietHit: [], quietLabels: [], fpScores: [], fpDefault: 0, fpLabels: new Map() };
}

export function toCsv(s: LabelledSeries): string {
  const lines = ["timestamp,value"];
  for (let i = 0; i < s.values.length; i++) {
    const iso = new Date(s.timestamps[i]).toISOString();
    lines.push(`${s.format === "date" ? iso.slice(0, 10) : iso},${s.values[i]}`);
  }
  return lines.join("\n") + "\n";
}

export function parseOutput(csv: string): { scores: Float64Array; flags: Uint8Array } {
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
export function scoreSeries(s: LabelledSeries, scores: Float64Array, flags: Uint8Array, t: FamilyTally): void {
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

export interface Figures { precision: number; recall: number; f1: number; prAuc: number; bestF1: number; bestThreshold: number; quietFlagged: number; hits: number; incidents: number; falseAlarms: number; quietWindows: number; series: number }

export function f1Of(p: number, r: number): number {
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

export function figures(t: FamilyTally): Figures {
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

export function merge(tallies: FamilyTally[]): FamilyTally {
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

export const f2 = (x: number) => x.toFixed(2);
export const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

export function table(title: string, byFamily: Record<Family, FamilyTally>): string[] {
  const lines = [`**${title}**`, "", "| family | series | incidents | hits | false alarms | precision | recall | F1 (default) | PR-AUC | best F1 (threshold) | must-not-alarm flagged |", "|---|---|---|---|---|---|---|---|---|---|---|"];
  const rows: [string, FamilyTally][] = [...FAMILIES.map((f) => [f, byFamily[f]] as [string, FamilyTally]), ["all", merge(FAMILIES.map((f) => byFamily[f]))]];
  for (const [name, t] of rows) {
    const g = figures(t);
    lines.push(`| ${name} | ${g.series} | ${g.incidents} | ${g.hits} | ${g.falseAlarms} | ${f2(g.precision)} | ${f2(g.recall)} | ${f2(g.f1)} | ${f2(g.prAuc)} | ${f2(g.bestF1)} (${g.bestThreshold.toFixed(3)}) | ${pct(g.quietFlagged)} of ${g.quietWindows} |`);
  }
  return lines;
}


/** Share of windows with an alarm, per label: "label hits/windows". */
function perLabel(labels: string[], hit: boolean[], count: (hit: boolean) => boolean): string {
  const byLabel = new Map<string, [number, number]>();
  labels.forEach((label, i) => {
    const m = byLabel.get(label) ?? [0, 0];
    m[1]++;
    if (count(hit[i])) m[0]++;
    byLabel.set(label, m);
  });
  return [...byLabel].map(([label, [n, of]]) => `${label} ${n}/${of}`).join(", ");
}

/** What to look at after a run: misses by incident label, quiet windows flagged, false alarms by place. */
export function detailLines(title: string, t: FamilyTally, falseAlarms = "false alarms"): string[] {
  return [
    `${title}: missed ${perLabel(t.incidentLabels, t.incidentHit, (hit) => !hit)}`,
    `${title}: quiet flagged ${perLabel(t.quietLabels, t.quietHit, (hit) => hit)}`,
    `${title}: ${falseAlarms} by place ${[...t.fpLabels].map(([l, c]) => `${l} ${c}`).join(", ")}`,
  ];
}
