/** Seeded synthetic series for the detection tests: same seed, same series, on every machine. */
import { gaussian as normal, seededRandom as rng } from "@/lib/seed/random";
import { poisson as corpusPoisson } from "../../../bench/business-corpus";

// The same seeded generator and normal draw as the demo data.
export { rng, normal };

/** The corpus' Poisson draw with the cutoff these tests' seeded series were written with. */
export const poisson = (r: () => number, lambda: number): number => corpusPoisson(r, lambda, 50);

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** 2024-01-01 00:00 UTC, a Monday. */
export const START = Date.UTC(2024, 0, 1);

export function grid(n: number, stepMs: number, start = START): number[] {
  return Array.from({ length: n }, (_, i) => start + i * stepMs);
}

export function dayOfWeek(t: number): number {
  return (new Date(t).getUTCDay() + 6) % 7; // 0 = Monday
}

export function alarmsIn(verdicts: { isAnomaly: boolean }[], from = 0, to = verdicts.length): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) if (verdicts[i].isAnomaly) out.push(i);
  return out;
}
