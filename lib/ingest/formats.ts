// Column mappings of the cost exports we read: FinOps FOCUS 1.x and AWS CUR 2.0.
// Each maps one CSV record to a normalized cost line (a UTC day, a service, a charge
// category and an amount) or to a rejection reason that names the column.
import { dataDayBounds, isValidDay, type DayBounds } from "@/lib/time";
import { curTagColumns, curTags, parseTagObject, type TagPairs } from "./tag-parse";

export type ChargeCategory = "usage" | "purchase" | "tax" | "credit" | "adjustment";
export const IMPORT_FORMATS = ["focus", "aws-cur"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface CostLine {
  day: string;
  service: string;
  region: string;
  subAccount: string;
  usageType: string;
  chargeCategory: ChargeCategory;
  /** Empty when the export has no currency column: the provider's currency applies. */
  currency: string;
  /** What detection and the rollup sum: FOCUS EffectiveCost, CUR unblended cost. */
  amount: number;
  billedAmount: number | null;
  /** A FOCUS correction: `amount` is a delta to an earlier day, not that day's full cost. */
  correction: boolean;
  /** Billing period the line was invoiced in (YYYY-MM-DD), when the export says. */
  billingPeriod: string;
  /** Cost allocation tags of the line (lib/ingest/tags.ts). */
  tags?: TagPairs;
}

export type MapResult = CostLine | string;

export interface BoundMapper {
  map(fields: string[]): MapResult;
}

export interface FormatSpec {
  format: ImportFormat;
  label: string;
  required: readonly string[];
  optional: readonly string[];
  /** `bounds`: the days rows may carry (default: dataDayBounds() at bind time). */
  bind(header: string[], bounds?: DayBounds): BoundMapper;
}

export class MissingColumnsError extends Error {
  constructor(
    readonly format: ImportFormat,
    readonly missing: string[],
  ) {
    super(`missing required column${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}`);
    this.name = "MissingColumnsError";
  }
}

const dayCache = new Map<string, string | null>();

/**
 * UTC day of a timestamp such as `2024-01-14T00:00:00Z`, `2024-01-14 00:00:00`,
 * `2024-01-14` or `2024-01-14T00:00:00-08:00`. Null when it is not a real date.
 * Billing exports repeat a handful of timestamps millions of times, hence the cache.
 */
export function utcDayOf(value: string): string | null {
  const cached = dayCache.get(value);
  if (cached !== undefined) return cached;
  let day: string | null = null;
  const v = value.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(v);
  if (m) {
    const hasOffset = m[7] && m[7].toUpperCase() !== "Z";
    const base = `${m[1]}-${m[2]}-${m[3]}`;
    const probe = new Date(`${base}T00:00:00Z`);
    if (!Number.isNaN(probe.getTime()) && probe.toISOString().slice(0, 10) === base) {
      if (!hasOffset) day = base;
      else {
        const offset = m[7].length === 5 ? `${m[7].slice(0, 3)}:${m[7].slice(3)}` : m[7];
        const t = new Date(`${base}T${m[4]}:${m[5]}:${m[6] ?? "00"}${offset}`);
        day = Number.isNaN(t.getTime()) ? null : t.toISOString().slice(0, 10);
      }
    }
  }
  if (dayCache.size > 100_000) dayCache.clear();
  dayCache.set(value, day);
  return day;
}

/** A UTC day inside the accepted range; a shifted far-future timestamp ("+010000-01") is not a day at all. */
function dayWithin(day: string, bounds: DayBounds): boolean {
  return isValidDay(day) && day >= bounds.min && day <= bounds.max;
}

/**
 * dayWithin, remembered per day for one mapper (its bounds are fixed). An export has a few
 * hundred distinct days over millions of rows; checking each row from scratch (regex and
 * two Date round trips) was a quarter of the time spent reading a file.
 */
function dayWithinMemo(bounds: DayBounds): (day: string) => boolean {
  const known = new Map<string, boolean>();
  return (day) => {
    let within = known.get(day);
    if (within === undefined) {
      if (known.size > 100_000) known.clear();
      within = dayWithin(day, bounds);
      known.set(day, within);
    }
    return within;
  };
}

const outOfRange = (bounds: DayBounds) => `is outside the accepted days ${bounds.min} to ${bounds.max}`;

/** Larger magnitudes are not real billing amounts, and capping them keeps every sum finite. */
export const MAX_ABS_AMOUNT = 1e12;

/** Null for junk and for magnitudes over MAX_ABS_AMOUNT (the row is rejected as "not a number"). */
function parseAmount(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const s = raw.trim();
  if (s === "") return null;
  const n = Number(s);
  return Number.isFinite(n) && Math.abs(n) <= MAX_ABS_AMOUNT ? n : null;
}

function indexer(header: string[]) {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name.trim();
    if (!index.has(key)) index.set(key, i);
  });
  return index;
}

function checkColumns(spec: Pick<FormatSpec, "format" | "required">, index: Map<string, number>) {
  const missing = spec.required.filter((c) => !index.has(c));
  if (missing.length) throw new MissingColumnsError(spec.format, missing);
}

const FOCUS_CATEGORIES: Record<string, ChargeCategory> = {
  usage: "usage",
  purchase: "purchase",
  tax: "tax",
  credit: "credit",
  adjustment: "adjustment",
};

const FOCUS_REQUIRED = ["ChargePeriodStart", "EffectiveCost", "BillingCurrency", "ServiceName", "ChargeCategory"] as const;
const FOCUS_OPTIONAL = ["ChargePeriodEnd", "BilledCost", "ServiceCategory", "SubAccountId", "RegionId", "SkuId", "ChargeClass", "BillingPeriodStart", "Tags"] as const;

export const focusFormat: FormatSpec = {
  format: "focus",
  label: "FOCUS 1.x",
  required: FOCUS_REQUIRED,
  optional: FOCUS_OPTIONAL,
  bind(header, bounds = dataDayBounds()) {
    const index = indexer(header);
    checkColumns(this, index);
    const col = (name: string) => index.get(name) ?? -1;
    const start = col("ChargePeriodStart");
    const effective = col("EffectiveCost");
    const billed = col("BilledCost");
    const currency = col("BillingCurrency");
    const serviceName = col("ServiceName");
    const serviceCategory = col("ServiceCategory");
    const subAccount = col("SubAccountId");
    const region = col("RegionId");
    const sku = col("SkuId");
    const category = col("ChargeCategory");
    const chargeClass = col("ChargeClass");
    const billingPeriod = col("BillingPeriodStart");
    const tags = col("Tags");
    const within = dayWithinMemo(bounds);
    const at = (fields: string[], i: number) => (i >= 0 ? (fields[i] ?? "") : "");
    return {
      map(fields) {
        if (fields.length < header.length) return `expected ${header.length} fields, found ${fields.length}`;
        const startRaw = fields[start];
        const day = utcDayOf(startRaw);
        if (!day) return `ChargePeriodStart '${startRaw}' is not a date`;
        if (!within(day)) return `ChargePeriodStart '${startRaw}' ${outOfRange(bounds)}`;
        const amount = parseAmount(fields[effective]);
        if (amount === null) return `EffectiveCost '${fields[effective]}' is not a number`;
        const rawCategory = fields[category].trim();
        const chargeCategory = FOCUS_CATEGORIES[rawCategory.toLowerCase()];
        if (!chargeCategory) return `ChargeCategory '${rawCategory}' is not one of Usage, Purchase, Tax, Credit, Adjustment`;
        const billedRaw = at(fields, billed);
        const billedAmount = billedRaw.trim() === "" ? null : parseAmount(billedRaw);
        if (billedRaw.trim() !== "" && billedAmount === null) return `BilledCost '${billedRaw}' is not a number`;
        const service = fields[serviceName].trim() || at(fields, serviceCategory).trim() || "Unspecified";
        const period = at(fields, billingPeriod);
        return {
          day,
          service,
          region: at(fields, region).trim(),
          subAccount: at(fields, subAccount).trim(),
          usageType: at(fields, sku).trim(),
          chargeCategory,
          currency: fields[currency].trim().toUpperCase(),
          amount,
          billedAmount,
          correction: at(fields, chargeClass).trim().toLowerCase() === "correction",
          billingPeriod: period ? (utcDayOf(period) ?? "") : "",
          tags: tags >= 0 ? parseTagObject(at(fields, tags)) : [],
        };
      },
    };
  },
};

/** CUR line item types → charge category. Anything unknown is kept as an adjustment (never usage). */
const CUR_CATEGORIES: Record<string, ChargeCategory> = {
  Usage: "usage",
  DiscountedUsage: "usage",
  SavingsPlanCoveredUsage: "usage",
  Fee: "purchase",
  RIFee: "purchase",
  SavingsPlanRecurringFee: "purchase",
  SavingsPlanUpfrontFee: "purchase",
  Tax: "tax",
  Credit: "credit",
  Refund: "credit",
  EdpDiscount: "credit",
  BundledDiscount: "credit",
  PrivateRateDiscount: "credit",
  DistributorDiscount: "credit",
  SavingsPlanNegation: "credit",
};

const CUR_REQUIRED = ["line_item_usage_start_date", "line_item_unblended_cost", "line_item_product_code", "line_item_line_item_type"] as const;
const CUR_OPTIONAL = ["line_item_usage_account_id", "product_region_code", "line_item_usage_type", "line_item_currency_code", "bill_billing_period_start_date", "line_item_net_unblended_cost"] as const;

export const awsCurFormat: FormatSpec = {
  format: "aws-cur",
  label: "AWS CUR 2.0",
  required: CUR_REQUIRED,
  optional: CUR_OPTIONAL,
  bind(header, bounds = dataDayBounds()) {
    const index = indexer(header);
    checkColumns(this, index);
    const col = (name: string) => index.get(name) ?? -1;
    const start = col("line_item_usage_start_date");
    const cost = col("line_item_unblended_cost");
    const product = col("line_item_product_code");
    const type = col("line_item_line_item_type");
    const account = col("line_item_usage_account_id");
    const region = col("product_region_code");
    const usageType = col("line_item_usage_type");
    const currency = col("line_item_currency_code");
    const billingPeriod = col("bill_billing_period_start_date");
    const tagColumns = curTagColumns(header);
    const within = dayWithinMemo(bounds);
    const at = (fields: string[], i: number) => (i >= 0 ? (fields[i] ?? "") : "");
    return {
      map(fields) {
        if (fields.length < header.length) return `expected ${header.length} fields, found ${fields.length}`;
        const day = utcDayOf(fields[start]);
        if (!day) return `line_item_usage_start_date '${fields[start]}' is not a date`;
        if (!within(day)) return `line_item_usage_start_date '${fields[start]}' ${outOfRange(bounds)}`;
        const amount = parseAmount(fields[cost]);
        if (amount === null) return `line_item_unblended_cost '${fields[cost]}' is not a number`;
        const lineType = fields[type].trim();
        if (!lineType) return "line_item_line_item_type is empty";
        const service = fields[product].trim() || "Unspecified";
        const period = at(fields, billingPeriod);
        return {
          day,
          service,
          region: at(fields, region).trim(),
          subAccount: at(fields, account).trim(),
          usageType: at(fields, usageType).trim(),
          chargeCategory: CUR_CATEGORIES[lineType] ?? "adjustment",
          currency: at(fields, currency).trim().toUpperCase(),
          amount,
          billedAmount: amount,
          correction: false,
          billingPeriod: period ? (utcDayOf(period) ?? "") : "",
          tags: curTags(fields, tagColumns),
        };
      },
    };
  },
};

export const FORMATS: Record<ImportFormat, FormatSpec> = { focus: focusFormat, "aws-cur": awsCurFormat };

/** The format a header row belongs to: CUR when it has CUR's usage-start column, else FOCUS (whose errors then name what is missing). */
export function detectFormat(header: string[]): ImportFormat {
  return header.some((name) => name.trim() === "line_item_usage_start_date") ? "aws-cur" : "focus";
}
