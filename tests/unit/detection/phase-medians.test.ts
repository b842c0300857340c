import { describe, expect, it } from "vitest";
import { LevelTracker, SeasonalCandidate } from "@/lib/detection/baseline";
import { TailCalibrator } from "@/lib/detection/calibration";
import { PhaseMedians } from "@/lib/detection/phase-medians";
import { medianOf } from "@/lib/detection/sorted-window";
import { dec, SlotRing } from "@/lib/detection/state";
import { rng } from "./synth";

/** What SeasonalCandidate.offsetAt computed before PhaseMedians: the first K valid offsets of the phase, sorted. */
function ringMedian(ring: SlotRing, j: number, period: number, K: number): number {
  const scratch = new Float64Array(2 * K + 2);
  let n = 0;
  for (let k = 1; k <= 2 * K && n < K; k++) {
    const q = j - k * period;
    if (q < 0) break;
    const v = ring.get(q);
    if (v === v) scratch[n++] = v;
  }
  return n === 0 ? NaN : medianOf(scratch, n);
}

/** Offsets with ties, zeros of both signs and gaps: where a held median could go wrong. */
function offsetAt(r: () => number, j: number): number {
  const u = r();
  if (u < 0.05) return NaN;
  if (u < 0.15) return 0;
  if (u < 0.25) return -0;
  if (u < 0.35) return 2.5;
  return Math.round((r() - 0.5) * 40) / 4 + (j % 3);
}

describe("PhaseMedians", () => {
  for (const [period, K] of [[1, 3], [1, 8], [7, 4], [24, 7], [5, 2]]) {
    it(`holds exactly the ring's median or says it does not (period ${period}, K ${K})`, () => {
      const r = rng(1000 * period + K);
      const ring = new SlotRing(2 * K * period + 1);
      const held = new PhaseMedians(period, K);
      let used = 0;
      for (let j = 0; j < 4000; j++) {
        ring.open(j);
        const m = held.median(j);
        if (m === m) {
          used++;
          expect(Object.is(m, ringMedian(ring, j, period, K))).toBe(true);
        }
        // A slot whose offset is never set (a missing value) breaks its phase's run.
        if (r() < 0.03) continue;
        const off = offsetAt(r, j);
        ring.set(j, off);
        held.add(j, off, ring);
        if (j === 2000) held.reset();
      }
      // The held median must actually be used, or this test proves nothing.
      expect(used).toBeGreaterThan(400);
    });
  }

  it("gives a candidate the forecasts of one that reads the ring only (a candidate just loaded from a checkpoint)", () => {
    const r = rng(7);
    const xs = new SlotRing(64);
    const make = () => new SeasonalCandidate(7, 4, new LevelTracker(14, xs), 60, 7, false, 0);
    const live = make();
    for (let j = 0; j < 1500; j++) {
      const fresh = make();
      fresh.load(live.save());
      live.open(j);
      fresh.open(j);
      const f = live.offsetAt(j);
      expect(Object.is(f, fresh.offsetAt(j))).toBe(true);
      const off = offsetAt(r, j);
      live.setOffset(j, off);
    }
  });
});

describe("SeasonalCandidate.save: the error window in a checkpoint", () => {
  it("is left out exactly when it is the ring's errors sorted, also after NaN and -0 errors", () => {
    const r = rng(5);
    const xs = new SlotRing(8);
    const c = new SeasonalCandidate(1, 3, new LevelTracker(5, xs), 20, 5, false, 0);
    let omitted = 0;
    let kept = 0;
    for (let i = 0; i < 400; i++) {
      const u = r();
      // A NaN error (an infinite forecast) or a -0 makes the window and the ring part ways.
      const err = i > 250 && u < 0.02 ? NaN : i > 150 && u < 0.06 ? -0 : Math.round(r() * 8) / 2;
      c.recordError(err);
      const s = c.save();
      const sortedRing = Float64Array.from(s.ring.slice(0, s.count).map(dec)).sort();
      const same = c.errors.sameAs(sortedRing);
      expect(s.errors === null).toBe(same);
      if (same) omitted++;
      else kept++;
    }
    expect(omitted).toBeGreaterThan(50);
    expect(kept).toBeGreaterThan(50);
  });
});

describe("TailCalibrator fading", () => {
  it("continues from a saved state exactly as without the save", () => {
    const r = rng(11);
    const make = () => new TailCalibrator(0.99, 2.5758, 20, 300, 4);
    const a = make();
    let b = make();
    for (let i = 0; i < 3000; i++) {
      // Mostly in band (0), some moderate excesses, a rare spike into the last bin.
      const u = r();
      const z = u < 0.7 ? 0 : u < 0.995 ? r() * 4 : 50 + r() * 10;
      a.add(z);
      b.add(z);
      if (i % 97 === 0) {
        const copy = make();
        copy.load(JSON.parse(JSON.stringify(b.save())));
        b = copy;
      }
      expect(Object.is(a.factor(), b.factor())).toBe(true);
    }
    expect(JSON.stringify(a.save())).toBe(JSON.stringify(b.save()));
    expect(a.factor()).toBeGreaterThan(1);
  });
});
