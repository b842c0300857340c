// Synthetic FOCUS exports for the benchmark and the crash test: deterministic, with
// realistic cardinality (days x services x regions x accounts x SKUs, hourly rows).
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { addDays } from "@/lib/time";

export const FOCUS_HEADER =
  "BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,BillingCurrency,ServiceName,ServiceCategory,SubAccountId,RegionId,SkuId,ChargeCategory,ChargeClass";

export interface GeneratedFile {
  rows: number;
  days: string[];
  /** Expected usage total per day (sum of EffectiveCost), to check what an import wrote. */
  usageByDay: Map<string, number>;
}

/** Amounts are whole cents so expected totals are exact. */
export async function writeFocusFile(file: string, rows: number, opts: { firstDay?: string; days?: number; services?: number } = {}): Promise<GeneratedFile> {
  const firstDay = opts.firstDay ?? "2025-01-01";
  const dayCount = opts.days ?? 30;
  const services = Array.from({ length: opts.services ?? 40 }, (_, i) => `Service ${String(i).padStart(2, "0")}`);
  const regions = ["us-east-1", "us-west-2", "eu-west-1", "ap-south-1"];
  const accounts = ["100000000001", "100000000002", "100000000003"];
  const perDay = Math.ceil(rows / dayCount);
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  const usageByDay = new Map<string, number>();
  const days: string[] = [];
  let written = 0;
  let buffer = `${FOCUS_HEADER}\n`;
  for (let d = 0; d < dayCount && written < rows; d++) {
    const day = addDays(firstDay, d);
    days.push(day);
    const period = `${day.slice(0, 8)}01T00:00:00Z`;
    let cents = 0;
    for (let i = 0; i < perDay && written < rows; i++, written++) {
      const service = services[i % services.length];
      const region = regions[(i >> 3) % regions.length];
      const account = accounts[(i >> 5) % accounts.length];
      const hour = String(i % 24).padStart(2, "0");
      const amount = 1 + ((i * 7919 + d * 104729) % 5000); // cents
      cents += amount;
      const value = (amount / 100).toFixed(2);
      buffer += `${period},${day}T${hour}:00:00Z,${day}T${hour}:59:59Z,${value},${value},USD,${service},Compute,${account},${region},SKU-${i % 50},Usage,\n`;
      if (buffer.length > 1 << 20) {
        if (!out.write(buffer)) await once(out, "drain");
        buffer = "";
      }
    }
    usageByDay.set(day, cents / 100);
  }
  out.end(buffer);
  await once(out, "finish");
  return { rows: written, days, usageByDay };
}
