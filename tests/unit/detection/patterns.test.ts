import { describe, expect, it } from "vitest";
import { detectSeries } from "@/lib/detection";
import { DAY, HOUR, START, alarmsIn, dayOfWeek, grid, normal, poisson, rng } from "./synth";

/** Daily cloud cost: weekday/weekend shape, multiplicative noise. */
function dailyCost(seed: number, n: number, level = 1000, growthPerYear = 0): { ts: number[]; vs: number[] } {
  const r = rng(seed);
  const ts = grid(n, DAY);
  const vs = ts.map((t, i) => {
    const weekend = dayOfWeek(t) >= 5 ? 0.6 : 1;
    const trend = 1 + (growthPerYear * i) / 365;
    return level * trend * weekend * (1 + 0.04 * normal(r));
  });
  return { ts, vs };
}

/** Hourly pageviews: daily cycle, quieter weekends, Poisson noise. */
function hourlyTraffic(seed: number, days: number, peak = 400, shiftHoursFromDay = -1): { ts: number[]; vs: number[] } {
  const r = rng(seed);
  const ts = grid(days * 24, HOUR);
  const vs = ts.map((t, i) => {
    const day = Math.floor(i / 24);
    const shift = shiftHoursFromDay >= 0 && day >= shiftHoursFromDay ? 1 : 0;
    const h = (new Date(t).getUTCHours() + shift) % 24;
    const daily = 0.15 + 0.85 * Math.max(0, Math.sin(((h - 6) / 24) * 2 * Math.PI)) ** 1.5;
    const weekend = dayOfWeek(t) >= 5 ? 0.7 : 1;
    return poisson(r, peak * daily * weekend);
  });
  return { ts, vs };
}

const WARMUP = 28;

describe("quiet on normal business patterns", () => {
  it("weekly seasonality with weekend dips: two years of daily cost, no alarms", () => {
    for (const seed of [1, 2, 3]) {
      const { ts, vs } = dailyCost(seed, 730);
      const v = detectSeries(ts, vs, { kind: "amount" });
      expect(alarmsIn(v, WARMUP)).toEqual([]);
    }
  });

  it("daily and weekly seasonality: 8 weeks of hourly pageviews, no alarms", () => {
    for (const seed of [4, 5]) {
      const { ts, vs } = hourlyTraffic(seed, 56);
      const v = detectSeries(ts, vs, { kind: "count" });
      expect(alarmsIn(v, 7 * 24)).toEqual([]);
    }
  });

  it("holidays: a weekday at weekend level in web traffic does not alarm", () => {
    const r = rng(6);
    const ts = grid(365, DAY);
    const holidays = new Set([100, 185, 250, 340]);
    const vs = ts.map((t, i) => poisson(r, 5000 * (dayOfWeek(t) >= 5 || holidays.has(i) ? 0.55 : 1)));
    const v = detectSeries(ts, vs, { kind: "count" });
    expect(alarmsIn(v, WARMUP)).toEqual([]);
  });

  it("slow growth and a ramp do not alarm", () => {
    const { ts, vs } = dailyCost(7, 730, 800, 0.8);
    // A migration ramp: +60% spread over 30 days.
    for (let i = 400; i < 730; i++) vs[i] *= 1 + 0.6 * Math.min(1, (i - 400) / 30);
    const v = detectSeries(ts, vs, { kind: "amount" });
    expect(alarmsIn(v, WARMUP)).toEqual([]);
  });

  it("a monthly charge on the 1st alarms at most on its first occurrence", () => {
    const { ts, vs } = dailyCost(8, 400, 500);
    const firsts: number[] = [];
    ts.forEach((t, i) => {
      if (new Date(t).getUTCDate() === 1 && i > 40) {
        vs[i] += 1500;
        firsts.push(i);
      }
    });
    const v = detectSeries(ts, vs, { kind: "amount" });
    expect(v[firsts[0]].isAnomaly).toBe(true);
    for (const i of firsts.slice(1)) expect(v[i].isAnomaly, `day ${i}`).toBe(false);
    expect(alarmsIn(v, WARMUP).filter((i) => !firsts.includes(i))).toEqual([]);
  });

  it("a quarter-end charge stops alarming once it has recurred", () => {
    const { ts, vs } = dailyCost(9, 560, 500);
    const qEnds: number[] = [];
    ts.forEach((t, i) => {
      const d = new Date(t + DAY);
      if (d.getUTCDate() === 1 && d.getUTCMonth() % 3 === 0 && i > 40) {
        vs[i] += 2000;
        qEnds.push(i);
      }
    });
    expect(qEnds.length).toBeGreaterThanOrEqual(4);
    const v = detectSeries(ts, vs, { kind: "amount" });
    for (const i of qEnds.slice(1)) expect(v[i].isAnomaly, `day ${i}`).toBe(false);
  });

  it("a nightly batch job stops alarming after it has recurred", () => {
    const { ts, vs } = hourlyTraffic(10, 30, 100);
    const jobs: number[] = [];
    for (let d = 10; d < 30; d++) {
      vs[d * 24 + 2] += 900;
      jobs.push(d * 24 + 2);
    }
    const v = detectSeries(ts, vs, { kind: "amount" });
    expect(v[jobs[0]].isAnomaly).toBe(true);
    expect(jobs.slice(1).filter((i) => v[i].isAnomaly)).toEqual([]);
  });

  it("after a level shift: one alarm at the onset, the new level accepted within a week", () => {
    const { ts, vs } = dailyCost(11, 400, 1000);
    const at = 303; // a Wednesday: weekday onsets show at once
    for (let i = at; i < 400; i++) vs[i] *= 1.7;
    const v = detectSeries(ts, vs, { kind: "amount" });
    expect(v[at].isAnomaly).toBe(true);
    expect(alarmsIn(v, WARMUP)).toEqual([at]);
    for (let i = at + 8; i < 400; i++) expect(v[i].outOfBand, `day ${i}`).toBe(false);
    const e = v[at + 14].expected ?? 0;
    expect(Math.abs(e - vs[at + 14]) / vs[at + 14]).toBeLessThan(0.2);
  });

  it("tiny cost series: a big ratio that is a small amount stays below the floor", () => {
    const r = rng(12);
    const ts = grid(200, DAY);
    const vs = ts.map(() => 0.1 + 0.02 * r());
    vs[150] = 0.9; // 8x, but 80 cents
    const floored = detectSeries(ts, vs, { kind: "amount", minAbsoluteDelta: 5 });
    expect(alarmsIn(floored)).toEqual([]);
    expect(floored[150].outOfBand).toBe(false);
    vs[160] = 25; // a real jump even for a tiny account
    expect(detectSeries(ts, vs, { kind: "amount", minAbsoluteDelta: 5 })[160].isAnomaly).toBe(true);
  });

  it("low-traffic counts: Poisson noise on a tiny site does not alarm", () => {
    const r = rng(13);
    const ts = grid(365, DAY);
    const vs = ts.map(() => poisson(r, 3));
    expect(alarmsIn(detectSeries(ts, vs, { kind: "count" }), WARMUP)).toEqual([]);
  });

  it("bounce rate on two pageviews is not an alarm", () => {
    const r = rng(14);
    const ts = grid(120, DAY);
    const den = ts.map(() => 200 + Math.floor(50 * r()));
    const vs = den.map((d) => (100 * poisson(r, d * 0.4)) / d);
    den[100] = 2;
    vs[100] = 100;
    const v = detectSeries(ts, vs, { kind: "rate", denominators: den });
    expect(v[100].isAnomaly).toBe(false);
    expect(alarmsIn(v, WARMUP)).toEqual([]);
  });

  it("gaps: missing rows and null values are tolerated, spikes after a gap are still seen", () => {
    const { ts, vs } = dailyCost(15, 300, 1000);
    const keep = ts.map((_, i) => !(i >= 120 && i < 130) && i % 17 !== 5);
    const ts2 = ts.filter((_, i) => keep[i]);
    const vs2: (number | null)[] = vs.filter((_, i) => keep[i]);
    vs2[50] = null;
    const spikeRow = ts2.findIndex((t) => t === START + 140 * DAY);
    vs2[spikeRow] = (vs2[spikeRow] ?? 0) * 3;
    const v = detectSeries(ts2, vs2, { kind: "amount" });
    expect(v).toHaveLength(ts2.length);
    expect(v[50].isAnomaly).toBe(false);
    expect(v[50].score).toBe(0);
    expect(alarmsIn(v, WARMUP)).toEqual([spikeRow]);
  });

  it("short history: a service that started ten days ago", () => {
    const r = rng(16);
    const ts = grid(10, DAY);
    const vs = ts.map(() => 50 * (1 + 0.05 * normal(r)));
    const v = detectSeries(ts, vs, { kind: "amount" });
    expect(v[0].expected).toBeNull();
    expect(alarmsIn(v)).toEqual([]);
    vs[9] = 200;
    expect(detectSeries(ts, vs, { kind: "amount" })[9].isAnomaly).toBe(true);
  });

  it("a one-hour clock shift in hourly traffic does not alarm", () => {
    const { ts, vs } = hourlyTraffic(17, 42, 400, 28);
    const v = detectSeries(ts, vs, { kind: "count" });
    expect(alarmsIn(v, 7 * 24)).toEqual([]);
  });
});

describe("alarms on real incidents", () => {
  it("a cost spike", () => {
    const { ts, vs } = dailyCost(20, 200);
    vs[150] *= 2.5;
    const v = detectSeries(ts, vs, { kind: "amount" });
    expect(alarmsIn(v, WARMUP)).toEqual([150]);
    expect(v[150].score).toBeGreaterThan(0.5);
    expect(v[150].upper ?? Infinity).toBeLessThan(vs[150]);
  });

  it("traffic dropping to near zero", () => {
    const { ts, vs } = hourlyTraffic(21, 35);
    const at = 30 * 24 + 13;
    for (let i = at; i < at + 5; i++) vs[i] = Math.round(vs[i] * 0.03);
    const v = detectSeries(ts, vs, { kind: "count" });
    expect(alarmsIn(v, 7 * 24)).toEqual([at]);
  });

  it("a sustained jump in error rate", () => {
    const r = rng(22);
    const ts = grid(24 * 30, HOUR);
    const den = ts.map(() => 5000 + Math.floor(2000 * r()));
    const at = 24 * 25 + 7;
    const vs = den.map((d, i) => (100 * poisson(r, d * (i >= at ? 0.03 : 0.01))) / d);
    const v = detectSeries(ts, vs, { kind: "rate", denominators: den });
    const alarms = alarmsIn(v, 48);
    expect(alarms.length).toBe(1);
    expect(alarms[0] - at).toBeLessThanOrEqual(1);
  });

  it("a slow-page episode", () => {
    const r = rng(23);
    const ts = grid(24 * 20, HOUR);
    const at = 24 * 15 + 9;
    const vs = ts.map((_, i) => (i >= at && i < at + 6 ? 450 : 200) + 15 * normal(r));
    const v = detectSeries(ts, vs, { kind: "gauge" });
    expect(alarmsIn(v, 48)).toEqual([at]);
  });

  it("conversion collapsing", () => {
    const r = rng(24);
    const ts = grid(150, DAY);
    const den = ts.map(() => 2000 + Math.floor(400 * r()));
    const vs = den.map((d, i) => (100 * poisson(r, d * (i >= 130 ? 0.005 : 0.03))) / d);
    const v = detectSeries(ts, vs, { kind: "rate", denominators: den, direction: "down" });
    expect(alarmsIn(v, WARMUP)).toEqual([130]);
  });
});

describe("engine properties", () => {
  it("is causal: a verdict does not change when later points are added", () => {
    const { ts, vs } = hourlyTraffic(30, 21);
    vs[400] *= 4;
    const full = detectSeries(ts, vs, { kind: "count" });
    for (const cut of [100, 401, 450]) {
      const part = detectSeries(ts.slice(0, cut), vs.slice(0, cut), { kind: "count" });
      expect(part).toEqual(full.slice(0, cut));
    }
  });

  it("an earlier anomaly does not blind it to a later one", () => {
    const { ts, vs } = dailyCost(31, 200);
    vs[100] *= 20;
    vs[120] *= 2;
    const v = detectSeries(ts, vs, { kind: "amount" });
    expect(alarmsIn(v, WARMUP)).toEqual([100, 120]);
  });

  it("flags the onset of a multi-point incident once", () => {
    const { ts, vs } = dailyCost(32, 200);
    for (let i = 150; i < 153; i++) vs[i] *= 2.2;
    const v = detectSeries(ts, vs, { kind: "amount" });
    expect(alarmsIn(v, WARMUP)).toEqual([150]);
    expect(v[151].outOfBand && v[152].outOfBand).toBe(true);
  });

  it("higher sensitivity never removes alarms on a noisy series, scores in [0,1]", () => {
    const { ts, vs } = hourlyTraffic(33, 28, 60);
    for (const i of [300, 420, 555]) vs[i] *= 2;
    let prev = -1;
    for (const s of [0, 0.25, 0.5, 0.75, 1]) {
      const v = detectSeries(ts, vs, { kind: "count", sensitivity: s });
      const outOfBand = v.filter((x) => x.outOfBand).length;
      expect(outOfBand).toBeGreaterThanOrEqual(prev);
      prev = outOfBand;
      for (const x of v) expect(x.score >= 0 && x.score <= 1).toBe(true);
    }
  });

  it("direction: amount ignores drops by default, gauge sees both", () => {
    const { ts, vs } = dailyCost(34, 200);
    vs[160] *= 0.05;
    expect(detectSeries(ts, vs, { kind: "amount" })[160].isAnomaly).toBe(false);
    expect(detectSeries(ts, vs, { kind: "gauge" })[160].isAnomaly).toBe(true);
    expect(detectSeries(ts, vs, { kind: "amount", direction: "both" })[160].isAnomaly).toBe(true);
  });

  // Speed is measured by `npm run bench:business` (timing targets live in benchmarks, not tests).
  it("scores 100,000 five-minute points, one verdict per point", () => {
    const r = rng(36);
    const big = grid(100_000, 5 * 60_000);
    const bv = big.map((t) => 50 + 10 * Math.sin((t / DAY) * 2 * Math.PI) + normal(r));
    const v = detectSeries(big, bv);
    expect(v).toHaveLength(100_000);
    expect(v.every((p) => p.score >= 0 && p.score <= 1)).toBe(true);
  });
});
