import { describe, expect, it } from "vitest";
import path from "node:path";
import { openCsvSource, readCsvRecords } from "@/lib/ingest/csv";
import { awsCurFormat, focusFormat, MissingColumnsError, utcDayOf, type CostLine, type FormatSpec } from "@/lib/ingest/formats";

const fixture = (...p: string[]) => path.join(__dirname, "../../../fixtures", ...p);

async function mapFile(spec: FormatSpec, file: string) {
  const lines: Array<CostLine | string> = [];
  let mapper: ReturnType<FormatSpec["bind"]> | null = null;
  for await (const batch of readCsvRecords(openCsvSource(file).chunks)) {
    for (const r of batch) {
      if (!mapper) mapper = spec.bind(r.fields);
      else lines.push(mapper.map(r.fields));
    }
  }
  return lines;
}

describe("utcDayOf", () => {
  it("reads the UTC day of timestamps with and without offsets", () => {
    expect(utcDayOf("2025-03-01T00:00:00Z")).toBe("2025-03-01");
    expect(utcDayOf("2025-03-01 13:00:00")).toBe("2025-03-01");
    expect(utcDayOf("2025-03-01")).toBe("2025-03-01");
    expect(utcDayOf("2025-03-01T08:00:00+09:00")).toBe("2025-02-28");
    expect(utcDayOf("2025-03-01T20:00:00-0500")).toBe("2025-03-02");
  });
  it("rejects impossible dates and junk", () => {
    expect(utcDayOf("2025-02-30T00:00:00Z")).toBeNull();
    expect(utcDayOf("yesterday")).toBeNull();
    expect(utcDayOf("")).toBeNull();
  });
});

describe("FOCUS mapping", () => {
  it("maps categories, keeps purchases/taxes/credits apart and fills an empty service", async () => {
    const lines = (await mapFile(focusFormat, fixture("focus", "basic.csv"))) as CostLine[];
    expect(lines).toHaveLength(8);
    expect(lines.map((l) => l.chargeCategory)).toEqual(["usage", "usage", "usage", "usage", "usage", "purchase", "tax", "credit"]);
    expect(lines[6].service).toBe("Unspecified");
    expect(lines[0]).toMatchObject({ day: "2025-03-01", service: "Amazon EC2", amount: 90, billedAmount: 100, subAccount: "111111111111", region: "us-east-1", correction: false });
  });
  it("marks correction rows and keeps their billing period", async () => {
    const lines = (await mapFile(focusFormat, fixture("focus", "correction.csv"))) as CostLine[];
    expect(lines.every((l) => l.correction)).toBe(true);
    expect(lines[0]).toMatchObject({ day: "2025-03-01", amount: 15.5, billingPeriod: "2025-04-01" });
  });
  it("gives a reason naming the column for each bad row", async () => {
    const lines = await mapFile(focusFormat, fixture("focus", "bad-rows.csv"));
    const reasons = lines.filter((l): l is string => typeof l === "string");
    expect(reasons).toEqual([
      "ChargePeriodStart 'not-a-date' is not a date",
      "EffectiveCost 'ten' is not a number",
      "ChargeCategory 'Refund' is not one of Usage, Purchase, Tax, Credit, Adjustment",
      "expected 13 fields, found 6",
      "ChargePeriodStart '2025-02-30T00:00:00Z' is not a date",
    ]);
  });
  it("names every missing required column", () => {
    expect(() => focusFormat.bind(["ChargePeriodStart", "BilledCost", "BillingCurrency", "ServiceName"])).toThrow(MissingColumnsError);
    try {
      focusFormat.bind(["ChargePeriodStart", "BillingCurrency", "ServiceName"]);
    } catch (error) {
      expect((error as MissingColumnsError).missing).toEqual(["EffectiveCost", "ChargeCategory"]);
    }
  });
});

describe("AWS CUR 2.0 mapping", () => {
  it("maps line item types to charge categories", async () => {
    const lines = (await mapFile(awsCurFormat, fixture("aws-cur", "basic.csv"))) as CostLine[];
    expect(lines.map((l) => l.chargeCategory)).toEqual(["usage", "usage", "usage", "usage", "tax", "usage", "credit", "purchase"]);
    expect(lines[0]).toMatchObject({ day: "2025-03-01", service: "AmazonEC2", subAccount: "222222222222", region: "us-west-2", usageType: "BoxUsage:t3.large", amount: 2.5 });
  });
});

describe("accepted days", () => {
  const bounds = { min: "2025-01-01", max: "2025-01-31" };
  it("rejects every row outside the bounds, also when its day was seen before, in both formats", () => {
    const focus = focusFormat.bind(["ChargePeriodStart", "EffectiveCost", "BillingCurrency", "ServiceName", "ChargeCategory"], bounds);
    const row = (start: string) => [start, "1.5", "USD", "EC2", "Usage"];
    const days = ["2025-01-15T00:00:00Z", "2024-12-31T23:00:00Z", "2025-01-15T01:00:00Z", "2025-02-01T00:00:00Z", "2024-12-31T22:00:00Z", "2025-01-31T23:59:59Z"];
    const seen = [...days, ...days].map((d) => focus.map(row(d)));
    const accepted = seen.map((line) => (typeof line === "string" ? null : line.day));
    expect(accepted).toEqual(["2025-01-15", null, "2025-01-15", null, null, "2025-01-31", "2025-01-15", null, "2025-01-15", null, null, "2025-01-31"]);
    expect(seen[1]).toBe("ChargePeriodStart '2024-12-31T23:00:00Z' is outside the accepted days 2025-01-01 to 2025-01-31");

    const cur = awsCurFormat.bind(["line_item_usage_start_date", "line_item_unblended_cost", "line_item_product_code", "line_item_line_item_type"], bounds);
    const curRow = (start: string) => [start, "2", "AmazonEC2", "Usage"];
    expect([...days, ...days].map((d) => cur.map(curRow(d))).map((line) => (typeof line === "string" ? null : line.day))).toEqual(accepted);
  });
  it("keeps each mapper's bounds its own", () => {
    const header = ["ChargePeriodStart", "EffectiveCost", "BillingCurrency", "ServiceName", "ChargeCategory"];
    const narrow = focusFormat.bind(header, { min: "2025-01-01", max: "2025-01-10" });
    const wide = focusFormat.bind(header, { min: "2025-01-01", max: "2025-12-31" });
    const row = ["2025-06-01T00:00:00Z", "1", "USD", "EC2", "Usage"];
    expect(typeof narrow.map(row)).toBe("string");
    expect(wide.map(row)).toMatchObject({ day: "2025-06-01" });
    expect(typeof narrow.map(row)).toBe("string");
  });
});
