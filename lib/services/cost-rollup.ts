// Rebuilds the CostDaily rollup (what detection reads) for the (provider, day) pairs
// an ingest touched, in one transaction so a day is never half-written.
import { db } from "@/lib/db/client";

const USAGE = "usage";

export async function rollupCostDays(orgId: string, providerId: number, days: Iterable<string>): Promise<number> {
  const dayList = [...new Set(days)].sort();
  if (dayList.length === 0) return 0;
  let written = 0;
  const CHUNK = 200;
  for (let start = 0; start < dayList.length; start += CHUNK) {
    const chunk = dayList.slice(start, start + CHUNK);
    const groups = await db().costEntry.groupBy({
      by: ["day", "service", "chargeCategory", "currency"],
      where: { providerId, day: { in: chunk } },
      _sum: { amount: true },
    });
    const rows = new Map<string, { day: string; service: string; amount: number; otherAmount: number; currency: string }>();
    for (const g of groups) {
      const key = `${g.day}|${g.service}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { day: g.day, service: g.service, amount: 0, otherAmount: 0, currency: g.currency }));
      if (g.chargeCategory === USAGE) row.amount += g._sum.amount ?? 0;
      else row.otherAmount += g._sum.amount ?? 0;
    }
    await db().$transaction([
      db().costDaily.deleteMany({ where: { providerId, day: { in: chunk } } }),
      db().costDaily.createMany({ data: [...rows.values()].map((r) => ({ ...r, orgId, providerId })) }),
    ]);
    written += rows.size;
  }
  return written;
}
