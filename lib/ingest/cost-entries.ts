// The CostEntry rows an import writes: how a file's lines are summed to that grain, which
// source (slice) each belongs to, and what a batch of them replaces. Shared by the import
// runner and its two writers (SQLite, PostgreSQL).
import type { CostLine, ImportFormat } from "./formats";
import { TagAggregates } from "./tags";

export interface Aggregate {
  day: string;
  service: string;
  region: string;
  subAccount: string;
  usageType: string;
  chargeCategory: string;
  source: string;
  currency: string;
  amount: number;
  billedAmount: number | null;
}

/**
 * What a batch of rows replaces, per source: the sub-accounts it covers. A re-export
 * replaces exactly those slices of a day and leaves other accounts' rows alone.
 */
export function replacedSlices(rows: Aggregate[]): Map<string, Set<string>> {
  const slices = new Map<string, Set<string>>();
  for (const r of rows) {
    let accounts = slices.get(r.source);
    if (!accounts) slices.set(r.source, (accounts = new Set()));
    accounts.add(r.subAccount);
  }
  return slices;
}

const SEP = "\u001f";

export function regularSource(format: ImportFormat): string {
  return `import:${format}`;
}

/** Corrections of one billing period (or, without that column, of one file) form their own slice. */
export function correctionSource(format: ImportFormat, billingPeriod: string, fileHash: string): string {
  return `import:${format}:correction:${billingPeriod || fileHash.slice(0, 16)}`;
}

/** Sums a file's lines to the CostEntry grain: one entry per (day, service, region, account, usage type, category, source). */
/**
 * A copy of a string that does not point into the text it was cut from. The CSV fields are
 * slices of the reader's chunks, and V8 keeps a whole chunk alive for as long as any
 * slice of it lives: kept in an aggregate, one short service name held its chunk, so memory
 * grew with the file (every chunk where a new key first appeared). Only new keys pay this.
 */
function detach(value: string): string {
  return value.length === 0 ? "" : Buffer.from(value, "utf8").toString("utf8");
}

export class CostAggregates {
  private readonly byKey = new Map<string, Aggregate>();
  readonly totals = { usage: 0, other: 0 };
  /** Tagged usage of regular lines (corrections are deltas to earlier days and stay out of tag series). */
  readonly tags = new TagAggregates();

  add(line: CostLine, source: string, currency: string): void {
    // Concatenation, not [...].join(SEP): this runs once per row and the array was measurable.
    const key = line.day + SEP + line.service + SEP + line.region + SEP + line.subAccount + SEP + line.usageType + SEP + line.chargeCategory + SEP + source;
    const agg = this.byKey.get(key);
    if (agg) {
      agg.amount += line.amount;
      if (line.billedAmount !== null) agg.billedAmount = (agg.billedAmount ?? 0) + line.billedAmount;
    } else {
      const { amount, billedAmount } = line;
      const [day, service, region, subAccount, usageType, chargeCategory] = [line.day, line.service, line.region, line.subAccount, line.usageType, line.chargeCategory].map(detach);
      this.byKey.set(key, { day, service, region, subAccount, usageType, chargeCategory, source, currency: detach(currency), amount, billedAmount });
    }
    if (line.chargeCategory === "usage" && !source.startsWith(PENDING_CORRECTION)) this.tags.add(line, source);
    if (line.chargeCategory === "usage") this.totals.usage += line.amount;
    else this.totals.other += line.amount;
  }

  /** The entries; correction slices get their final source now that the file's hash is known. */
  takeEntries(format: ImportFormat, fileHash: string): Aggregate[] {
    const entries = [...this.byKey.values()].map((a) =>
      a.source.startsWith(PENDING_CORRECTION) ? { ...a, source: correctionSource(format, a.source.slice(PENDING_CORRECTION.length), fileHash) } : a,
    );
    this.byKey.clear();
    return entries;
  }
}

// Corrections are collected under this prefix and their billing period, re-keyed once the file hash is known.
export const PENDING_CORRECTION = "\u0000corr:";
