import { LevelTracker, SeasonalCandidate } from "./baseline";
import { defaultSeasonalPeriods, inferIntervalMs, slotIndices, TIME } from "./interval";
import { noiseFloor } from "./noise";
import { calendarLagSlots } from "./recurrence";
import { bandWidthFor, scoreFromZ } from "./scoring";
import type { DetectorOptions, Direction, PointVerdict, SeriesKind } from "./types";

/** Fraction of the expected value a count or amount must additionally fall by before a drop counts: holidays and quiet days halve traffic, outages zero it. */
const DROP_ALLOWANCE = 0.4;
/** Offsets stored for seasonal forecasts are clipped at this many sigmas so one outlier cannot haunt the same phase next cycle. */
const CLIP_SIGMAS = 3;
/** An excess counts as a new incident only if it beats the recent maximum by this factor. */
const ESCALATION = 1.3;
/** Score multiplier for points that continue an incident already reported. */
const CONTINUATION_DAMP = 0.35;

interface Model {
  candidates: SeasonalCandidate[];
  levels: LevelTracker[];
  periods: number[];
}

function buildModel(periods: number[], intervalMs: number, size: number): Model {
  const levels = new Map<number, LevelTracker>();
  const level = (w: number) => {
    let l = levels.get(w);
    if (!l) {
      l = new LevelTracker(w, size);
      levels.set(w, l);
    }
    return l;
  };
  const usable = periods.filter((p) => Number.isInteger(p) && p >= 2 && p < size).sort((a, b) => a - b);
  const longest = Math.max(15, ...usable);
  const errorWindow = Math.min(600, Math.max(28, 4 * longest));
  const candidates: SeasonalCandidate[] = [
    new SeasonalCandidate(1, 3, level(5), errorWindow, 5, false, size),
    new SeasonalCandidate(1, 8, level(24), errorWindow, 10, false, size),
  ];
  for (const p of usable) {
    const cycleDays = (p * intervalMs) / TIME.DAY;
    const K = cycleDays >= 6 ? (p >= 100 ? 3 : 4) : p >= 200 ? 5 : 7;
    candidates.push(new SeasonalCandidate(p, K, level(p), errorWindow, Math.min(p, 28), p >= 24, size));
  }
  return { candidates, levels: [...levels.values()], periods: usable };
}

function defaultMinHistory(intervalMs: number): number {
  return intervalMs >= 0.9 * TIME.DAY ? 7 : 24;
}

function suppressionWindow(intervalMs: number): number {
  // About two hours of fine-grained data, a few points of daily data.
  if (intervalMs >= 0.9 * TIME.DAY) return 3;
  return Math.max(3, Math.min(48, Math.round((2 * TIME.HOUR) / intervalMs)));
}

export function detectSeries(timestamps: number[], values: (number | null)[], options: DetectorOptions = {}): PointVerdict[] {
  const n = timestamps.length;
  if (values.length !== n) throw new Error(`detectSeries: ${n} timestamps but ${values.length} values`);
  const out: PointVerdict[] = new Array(n);
  if (n === 0) return out;

  const kind: SeriesKind = options.kind ?? "gauge";
  const direction: Direction = options.direction ?? (kind === "amount" ? "up" : "both");
  const allowUp = direction !== "down";
  const allowDown = direction !== "up";
  const sensitivity = options.sensitivity ?? 0.5;
  const k = bandWidthFor(sensitivity);
  const minDelta = Math.max(0, options.minAbsoluteDelta ?? 0);
  const denominators = options.denominators;

  const intervalMs = inferIntervalMs(timestamps);
  const { slots, size, gridded } = slotIndices(timestamps, intervalMs);
  const periods = options.seasonalPeriods ?? defaultSeasonalPeriods(intervalMs);
  const minHistory = Math.max(1, options.minHistory ?? defaultMinHistory(intervalMs));
  const supWindow = suppressionWindow(intervalMs);

  const xs = new Float64Array(size).fill(NaN);
  const rowAt = new Int32Array(size).fill(-1);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    rowAt[slots[i]] = i;
    if (typeof v === "number" && Number.isFinite(v)) xs[slots[i]] = v;
  }

  const model = buildModel(periods, intervalMs, size);
  const { candidates, levels } = model;
  // Raw residual and z of the chosen forecast per slot: what recurrence checks compare against.
  const pastResidual = new Float64Array(size).fill(NaN);
  const pastZ = new Float64Array(size).fill(NaN);
  const recentZ = new Float64Array(supWindow);
  let recentHead = 0;
  const forecasts = new Float64Array(candidates.length);
  const t0 = timestamps[0];

  let seen = 0;
  let rateUnit = 1;

  for (let j = 0; j < size; j++) {
    for (const l of levels) l.snapshot(j);
    const row = rowAt[j];
    if (row >= 0) {
      const x = xs[j];
      const valid = x === x;
      let verdict: PointVerdict = { expected: null, lower: null, upper: null, score: 0, outOfBand: false, isAnomaly: false };

      // Forecast with every model; judge with the one that has been most accurate lately.
      let best = -1;
      let bestErr = Infinity;
      let fallback = -1;
      for (let c = 0; c < candidates.length; c++) {
        const cand = candidates[c];
        const f = cand.forecast(j, cand.level.level[j]);
        forecasts[c] = f;
        if (f !== f) continue;
        if (fallback < 0) fallback = c;
        if (cand.ready()) {
          const e = cand.scale();
          if (e < bestErr) {
            bestErr = e;
            best = c;
          }
        }
      }
      if (best < 0) best = fallback;

      if (best >= 0 && seen >= minHistory) {
        const cand = candidates[best];
        const expected = forecasts[best];
        let lo = expected;
        let hi = expected;
        if (cand.phaseTolerant) {
          // Accept the neighbouring phases too: absorbs clock shifts and jittery ramps.
          const lvl = cand.level.level[j];
          const a = cand.forecast(j - 1, lvl);
          const b = cand.forecast(j + 1, lvl);
          if (a === a) { lo = Math.min(lo, a); hi = Math.max(hi, a); }
          if (b === b) { lo = Math.min(lo, b); hi = Math.max(hi, b); }
        }
        let scale = cand.scale();
        if (!(scale === scale) || cand.errorCount < 10) {
          // Too few errors yet: do not trust a tiny early error scale.
          const wide = levels[levels.length - 1];
          const spread = 1.4826 * wide.win.mad(wide.win.median());
          scale = scale === scale ? Math.max(scale, spread) : spread;
        }
        const den = denominators && row < denominators.length ? denominators[row] : null;
        if (valid && kind === "rate" && Math.abs(x) > 1.5) rateUnit = 100;
        scale = Math.max(scale === scale ? scale : 0, noiseFloor(kind, expected, typeof den === "number" && Number.isFinite(den) ? den : null, rateUnit));

        const dropAllowance = kind === "count" || kind === "amount" ? DROP_ALLOWANCE * Math.abs(expected) : 0;
        const zOf = (shift: number): number => {
          if (!valid) return 0;
          let z = 0;
          if (allowUp) z = Math.max(z, (x - (hi + shift) - minDelta) / scale);
          if (allowDown) z = Math.max(z, (lo + shift - x - minDelta - dropAllowance) / scale);
          return z;
        };
        let shift = 0;
        let z = zOf(0);
        const rawZ = z;
        const residual = valid ? x - expected : NaN;

        if (z >= 0.5 * k && valid) {
          // A deviation seen at the same phase last cycle or the same calendar day of
          // an earlier month is a recurring charge/job, not a new incident.
          const lags: number[] = [];
          for (const p of model.periods) if (j - p >= 0) lags.push(j - p);
          if (gridded) for (const s of calendarLagSlots(timestamps[row], t0, intervalMs)) if (s < j) lags.push(s);
          let bestAdj = NaN;
          for (const q of lags) {
            const rq = pastResidual[q];
            const zq = pastZ[q];
            if (!(rq === rq) || !(zq >= 0.5 * k)) continue;
            if (Math.sign(rq) !== Math.sign(residual)) continue;
            const ratio = Math.abs(rq) / Math.abs(residual);
            if (ratio < 0.5 || ratio > 2) continue;
            if (!(bestAdj === bestAdj) || Math.abs(rq - residual) < Math.abs(bestAdj - residual)) bestAdj = rq;
          }
          if (bestAdj === bestAdj) {
            shift = Math.abs(bestAdj) > Math.abs(residual) ? residual : bestAdj;
            z = zOf(shift);
          }
        }

        // Alarm hygiene without a threshold: only an excess that clearly beats every
        // excess of the last few points opens an incident.
        let recentMax = 0;
        for (let r = 0; r < supWindow; r++) if (recentZ[r] > recentMax) recentMax = recentZ[r];
        const onset = z > ESCALATION * recentMax;
        let score = scoreFromZ(z);
        if (!onset) score *= CONTINUATION_DAMP;
        const outOfBand = valid && z >= k && z > 0;

        const e = expected + shift;
        let lower = lo + shift - k * scale - minDelta - (allowDown ? dropAllowance : 0);
        const upper = hi + shift + k * scale + minDelta;
        if ((kind === "amount" || kind === "count") && lower < 0) lower = 0;
        verdict = {
          expected: e,
          lower,
          upper,
          score,
          outOfBand,
          isAnomaly: outOfBand && onset,
        };
        if (valid) {
          pastResidual[j] = residual;
          pastZ[j] = rawZ;
          recentZ[recentHead] = z;
          recentHead = (recentHead + 1) % supWindow;
        }
      }
      out[row] = verdict;

      if (valid) {
        for (let c = 0; c < candidates.length; c++) {
          const cand = candidates[c];
          const lvl = cand.level.level[j];
          if (!(lvl === lvl)) continue;
          let off = x - lvl;
          const f = forecasts[c];
          if (f === f) {
            const err = Math.abs(x - f);
            const s = cand.scale();
            if (s === s && s > 0 && cand.errorCount >= 10) {
              const cap = CLIP_SIGMAS * s;
              const predOff = f - lvl;
              if (off > predOff + cap) off = predOff + cap;
              else if (off < predOff - cap) off = predOff - cap;
            }
            cand.recordError(err);
          }
          cand.offsets[j] = off;
        }
        seen++;
      }
    }
    for (const l of levels) l.advance(xs, j);
  }
  return out;
}
