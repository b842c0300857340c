// Root causes of a cost anomaly (issue 13): the day × service × account × region × usage
// type combinations that explain its excess, each judged against its own history. Computed by
// the detection job and stored with the anomaly, so the detail stays a read.
import { db } from "@/lib/db/client";
import { addDays } from "@/lib/time";
import type { AnomalyDraft } from "@/lib/anomalies/store";
import type { MonitorFields, RootCause } from "@/lib/anomalies/monitor-fields";

/** Weeks of the same weekday a combination's expectation is the median of (weekly patterns are the rule in spend). */
export const ROOT_CAUSE_WEEKS = 4;
/** At most this many combinations are kept per anomaly. */
export const MAX_ROOT_CAUSES = 10;
/** A combination that moved less than this share of the anomaly's excess is noise, not a cause. */
const MIN_SHARE = 0.01;

interface ComboRow {
  day: string;
  service: string;
  region: string;
  subAccount: string;
  usageType: string;
  value: number;
}

const money = (n: number) => Math.round(n * 100) / 100;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The anomaly's day and the same weekday of the previous ROOT_CAUSE_WEEKS weeks. */
export function rootCauseDays(day: string): string[] {
  return Array.from({ length: ROOT_CAUSE_WEEKS + 1 }, (_, w) => addDays(day, -7 * w));
}

async function loadCombos(orgId: string, providerId: number, days: string[], account: string | null): Promise<ComboRow[]> {
  const rows = await db().costEntry.groupBy({
    by: ["day", "service", "region", "subAccount", "usageType"],
    where: { orgId, providerId, chargeCategory: "usage", day: { in: days }, ...(account === null ? {} : { subAccount: account }) },
    _sum: { amount: true },
  });
  return rows.map((r) => ({ day: r.day, service: r.service, region: r.region, subAccount: r.subAccount, usageType: r.usageType, value: r._sum.amount ?? 0 }));
}

/**
 * Ranks the combinations of `day` by how far each left its own expectation: the median of the
 * same weekday over the previous weeks in which the provider reported (a combination absent on
 * such a day spent 0 there; one never seen before is expected at 0). Rises first for a spike,
 * drops first for a fall; `share_of_excess` is the combination's part of the summed moves in
 * the anomaly's direction.
 */
export function rankRootCauses(rows: ComboRow[], day: string, direction: "up" | "down"): RootCause[] {
  const historyDays = new Set(rows.filter((r) => r.day !== day).map((r) => r.day));
  const combos = new Map<string, { row: ComboRow; amount: number; history: Map<string, number> }>();
  for (const r of rows) {
    const key = [r.service, r.subAccount, r.region, r.usageType].join("\u001f");
    let combo = combos.get(key);
    if (!combo) combos.set(key, (combo = { row: r, amount: 0, history: new Map() }));
    if (r.day === day) combo.amount += r.value;
    else combo.history.set(r.day, (combo.history.get(r.day) ?? 0) + r.value);
  }
  const sign = direction === "up" ? 1 : -1;
  const judged = [...combos.values()].map(({ row, amount, history }) => {
    const expected = historyDays.size ? median([...historyDays].map((d) => history.get(d) ?? 0)) : 0;
    return { row, amount, expected, move: amount - expected };
  });
  const total = judged.reduce((s, j) => s + Math.max(0, sign * j.move), 0);
  if (total <= 0) return [];
  return judged
    .filter((j) => sign * j.move >= total * MIN_SHARE)
    .sort((a, b) => sign * (b.move - a.move))
    .slice(0, MAX_ROOT_CAUSES)
    .map((j) => ({
      service: j.row.service,
      account_id: j.row.subAccount,
      region: j.row.region,
      usage_type: j.row.usageType,
      amount: money(j.amount),
      expected: money(j.expected),
      vs_expected: money(j.move),
      share_of_excess: Math.round(((sign * j.move) / total) * 10000) / 10000,
    }));
}

export async function rootCausesFor(orgId: string, providerId: number, day: string, direction: "up" | "down", account: string | null = null): Promise<RootCause[]> {
  const rows = await loadCombos(orgId, providerId, rootCauseDays(day), account);
  return rankRootCauses(rows, day, direction);
}

/**
 * Attaches the monitor and root causes to a provider's cost drafts (one grouped read of five
 * days per anomaly). `account` narrows the causes to one linked account (an accounts monitor);
 * `withCauses: false` for series the cost entries cannot break down (tag values).
 */
export async function explainCostDrafts(
  orgId: string,
  providerId: number,
  drafts: AnomalyDraft[],
  monitor: Omit<MonitorFields, "rootCauses"> & { account?: string | null; withCauses?: boolean },
): Promise<AnomalyDraft[]> {
  for (const draft of drafts) {
    const causes = monitor.withCauses === false ? [] : await rootCausesFor(orgId, providerId, draft.day, draft.direction, monitor.account ?? null);
    draft.monitor = { monitorId: monitor.monitorId, dimensionKey: monitor.dimensionKey, dimensionValue: monitor.dimensionValue, rootCauses: causes };
  }
  return drafts;
}
