// lib/cloud/bands.ts without a database: which rows a series' evaluation stores, and which
// days a later run rewrites.
import { describe, expect, it } from "vitest";
import { bandRowsFor, dirtyDays, TOTAL_SERVICE, type BandRow } from "@/lib/cloud/bands";
import { evaluateSeries, serviceFiguresOn } from "@/lib/cloud/evaluation";
import type { ServiceDaily } from "@/lib/cloud/series";
import { addDays, dayRange } from "@/lib/time";

const FIRST = "2026-01-01";
const days = dayRange(FIRST, addDays(FIRST, 79));
const SPIKE = 70;

/** Two services with a weekly pattern; "db" is 6× on day SPIKE, "cache" appears on day 60. */
function series(): ServiceDaily {
  const weekly = (i: number) => (i % 7 === 5 || i % 7 === 6 ? 0.8 : 1) * (1 + 0.01 * Math.sin(i * 1.7));
  const db = days.map((_, i) => Math.round(300 * weekly(i) * (i === SPIKE ? 6 : 1) * 100) / 100);
  const cache = days.map((_, i) => (i < 60 ? null : Math.round(20 * weekly(i) * 100) / 100));
  const total = days.map((_, i) => db[i] + (cache[i] ?? 0));
  return { days, total, services: new Map<string, (number | null)[]>([["db", db], ["cache", cache]]) };
}

describe("bandRowsFor", () => {
  const s = series();
  const evaluation = evaluateSeries(s, "cost", "cost");
  const from = days[30];

  it("stores one total row per day from the first stored day, with the total's band", () => {
    const rows = bandRowsFor(s, evaluation, from, new Set());
    const totals = rows.filter((r) => r.service === TOTAL_SERVICE);
    expect(totals.map((r) => r.day)).toEqual(days.slice(30));
    const i = 45;
    expect(totals[i - 30]).toMatchObject({ actual: s.total[i], expected: evaluation.total[i].expected, lower: evaluation.total[i].lower, upper: evaluation.total[i].upper });
  });

  it("stores every service's figure on out-of-band days and on the given anomaly days only", () => {
    expect(evaluation.total[SPIKE].outOfBand).toBe(true);
    const anomalyDay = days[40];
    const rows = bandRowsFor(s, evaluation, from, new Set([anomalyDay]));
    const breakdownDays = new Set(rows.filter((r) => r.service === TOTAL_SERVICE && r.breakdown).map((r) => r.day));
    const outOfBand = days.filter((d, i) => d >= from && evaluation.total[i].outOfBand);
    expect([...breakdownDays].sort()).toEqual([...new Set([...outOfBand, anomalyDay])].sort());
    for (const day of breakdownDays) {
      const stored = rows.filter((r) => r.day === day && r.service !== TOTAL_SERVICE).map((r) => ({ service: r.service, amount: r.actual, expected: r.expected }));
      expect(stored).toEqual(serviceFiguresOn(s, evaluation, days.indexOf(day)));
    }
    expect(rows.filter((r) => r.service !== TOTAL_SERVICE && !breakdownDays.has(r.day))).toEqual([]);
  });
});

describe("dirtyDays", () => {
  const row = (day: string, service: string, actual: number | null): BandRow => ({ day, service, actual, expected: 1, lower: 0, upper: 2, breakdown: false });

  it("is empty when nothing changed, and names changed, new and vanished rows' days", () => {
    const stored = [row("2026-01-01", "", 1), row("2026-01-02", "", 2), row("2026-01-02", "db", 2), row("2026-01-03", "", 3)];
    expect(dirtyDays(stored, stored.map((r) => ({ ...r })))).toEqual(new Set());
    const wanted = [row("2026-01-02", "", 2.5), row("2026-01-03", "", 3), row("2026-01-04", "", 4)];
    expect([...dirtyDays(stored, wanted)].sort()).toEqual(["2026-01-01", "2026-01-02", "2026-01-04"]);
  });

  it("a null that becomes a number (or back) is a change", () => {
    expect([...dirtyDays([row("2026-01-01", "", null)], [row("2026-01-01", "", 0)])]).toEqual(["2026-01-01"]);
  });
});
