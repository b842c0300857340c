/** Seeded synthetic series for the detection tests: same seed, same series, on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normal(r: () => number): number {
  const u = Math.max(r(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

export function poisson(r: () => number, lambda: number): number {
  if (lambda > 50) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(r)));
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= r();
  } while (p > l);
  return k - 1;
}

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
