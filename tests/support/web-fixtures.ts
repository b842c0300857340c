// Website fixtures written straight into the app's database (see fixtures.ts).
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import type { WebMetric } from "@/lib/web/metrics";

export const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

export async function createTestWebsite(orgId: string, opts: { settings?: Record<string, unknown> } = {}) {
  const domain = `w-${randomUUID().slice(0, 12)}.example`;
  return db().website.create({ data: { orgId, domain, name: domain, settings: JSON.stringify(opts.settings ?? {}) } });
}

export interface AnomalyFixture {
  metric?: WebMetric;
  severity?: "info" | "warning" | "critical";
  detectedAt: Date;
  isResolved?: boolean;
  actual?: number;
  expected?: number;
  deviationPercent?: number;
}

/** An anomaly row as detection would store it, with a chosen detected_at. */
export async function insertWebAnomaly(orgId: string, websiteId: string, a: AnomalyFixture) {
  const metric = a.metric ?? "visitors";
  const start = new Date(a.detectedAt.getTime() - 3_600_000);
  return db().anomaly.create({
    data: {
      orgId,
      type: "web",
      websiteId,
      metric,
      seriesKey: `web:${websiteId}:${metric}`,
      day: start.toISOString().slice(0, 10),
      periodStart: start,
      periodEnd: a.detectedAt,
      peakAt: start,
      actual: a.actual ?? 3240,
      expected: a.expected ?? 850,
      expectedLower: 700,
      expectedUpper: 1000,
      deviationPercent: a.deviationPercent ?? 281.2,
      severity: a.severity ?? "critical",
      direction: "up",
      isResolved: a.isResolved ?? false,
      detectedAt: a.detectedAt,
    },
  });
}

export async function setCredits(orgId: string, balance: number) {
  await db().organization.update({ where: { id: orgId }, data: { creditBalance: balance, creditsPeriod: new Date().toISOString().slice(0, 7) } });
}

export async function creditsOf(orgId: string): Promise<number> {
  return (await db().organization.findUniqueOrThrow({ where: { id: orgId }, select: { creditBalance: true } })).creditBalance;
}

/** Waits out the last seconds of a rate-limit window so a burst lands in one window. */
export async function awayFromWindowEdge(windowSeconds = 60) {
  const into = (Date.now() / 1000) % windowSeconds;
  if (into > windowSeconds - 8) await new Promise((r) => setTimeout(r, (windowSeconds - into + 0.5) * 1000));
}
