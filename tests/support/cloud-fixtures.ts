// Cloud fixtures: synthetic daily spend with a weekly pattern and known incidents,
// and direct anomaly rows for filter tests that need exact dates.
import { db } from "@/lib/db/client";
import { seededRandom, gaussian } from "@/lib/seed/random";
import { addDays, dayEnd, dayStart, todayUtc } from "@/lib/time";
import { api, writeCosts } from "./fixtures";

export interface SyntheticService {
  service: string;
  base: number;
  /** days-ago → multiplier */
  incidents?: Record<number, number>;
  /** Multiplicative daily noise (log scale), default 0.02. */
  noise?: number;
  /** The service exists from this many days ago on (a new service). */
  startsAgo?: number;
  /** From this many days ago on, every day is multiplied by `shiftFactor` (a lasting level shift). */
  shiftAgo?: number;
  shiftFactor?: number;
}

export interface SyntheticClock {
  /** The test's clock: "days ago" counts back from this instant's UTC day (never the wall clock). */
  now: Date;
  days?: number;
  seed?: number;
}

export interface SyntheticClock {
  /** The test's clock: "days ago" counts back from this instant's UTC day (never the wall clock). */
  now: Date;
  days?: number;
  seed?: number;
  /** The provider's data stops arriving this many days ago (the last `untilAgo - 1` days are absent). */
  untilAgo?: number;
}

/** Daily rows with a weekly pattern (weekends at 80 %), seeded noise and the given incidents. */
export function syntheticCostRows(services: SyntheticService[], clock: SyntheticClock) {
  const { now, days = 90, seed = 42, untilAgo = 1 } = clock;
  const rand = seededRandom(seed);
  const today = todayUtc(now);
  const rows: Array<{ day: string; service: string; amount: number }> = [];
  for (let ago = days; ago >= untilAgo; ago--) {
    const day = addDays(today, -ago);
    const weekend = [0, 6].includes(dayStart(day).getUTCDay());
    for (const s of services) {
      const noise = Math.exp((s.noise ?? 0.02) * gaussian(rand));
      if (s.startsAgo !== undefined && ago > s.startsAgo) continue;
      const shift = s.shiftAgo !== undefined && ago <= s.shiftAgo ? (s.shiftFactor ?? 1) : 1;
      const amount = s.base * (weekend ? 0.8 : 1) * noise * shift * (s.incidents?.[ago] ?? 1);
      rows.push({ day, service: s.service, amount: Math.round(amount * 100) / 100 });
    }
  }
  return rows;
}

export async function writeSyntheticCosts(orgId: string, providerId: number, services: SyntheticService[], clock: SyntheticClock) {
  const rows = syntheticCostRows(services, clock);
  await writeCosts(orgId, providerId, rows);
  return rows;
}

/** The same rows sent the way a user sends them: POST /api/v1/providers/{id}/costs. */
export async function postSyntheticCosts(key: string, providerId: number, services: SyntheticService[], clock: SyntheticClock) {
  const rows = syntheticCostRows(services, clock).map((r) => ({ date: r.day, service: r.service, amount: r.amount }));
  for (let i = 0; i < rows.length; i += 4000) {
    // detect=true: the server's own re-detection finishes before the answer, instead of running in
    // the background where it could land after (and undo) a test's run with another clock or floor.
    const res = await api(`/api/v1/providers/${providerId}/costs?detect=true`, { method: "POST", key, body: rows.slice(i, i + 4000) });
    if (res.status !== 200) throw new Error(`cost ingest answered ${res.status}: ${res.text.slice(0, 200)}`);
  }
  return rows;
}

let counter = 0;

/** Inserts an anomaly row directly (for list/filter tests that need exact dates and states). */
export async function insertAnomaly(
  orgId: string,
  providerId: number,
  opts: { now: Date; daysAgo: number; type?: "cost" | "performance"; status?: "active" | "dismissed"; actual?: number; expected?: number },
) {
  const day = addDays(todayUtc(opts.now), -opts.daysAgo);
  const actual = opts.actual ?? 450;
  const expected = opts.expected ?? 300;
  counter += 1;
  return db().anomaly.create({
    data: {
      orgId,
      type: opts.type ?? "cost",
      providerId,
      metric: opts.type === "performance" ? "p95_latency_ms" : "cost",
      seriesKey: `test:${providerId}:${opts.type ?? "cost"}:${counter}:${Math.random()}`,
      day,
      periodStart: dayStart(day),
      periodEnd: dayEnd(day),
      peakAt: dayStart(day),
      actual,
      expected,
      expectedLower: expected * 0.8,
      expectedUpper: expected * 1.2,
      deviationPercent: Math.round(((actual - expected) / expected) * 1000) / 10,
      severity: "info",
      topServices: [{ service: "EC2", amount: actual * 0.8, vs_expected: actual - expected }],
      status: opts.status ?? "active",
      ...(opts.status === "dismissed" ? { dismissedAt: opts.now, dismissedBy: "fixture", dismissReason: "fixture" } : {}),
      detectedAt: dayEnd(day),
    },
  });
}
