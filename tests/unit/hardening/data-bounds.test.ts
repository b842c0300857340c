// Issue 10 item 1: every input path accepts only days between BANDWATCH_MIN_DATA_DAY
// (default 2000-01-01) and today + BANDWATCH_MAX_FUTURE_DAYS (default 2). The clock is
// passed in, or the expectations are computed from the same clock, so no test depends on today.
import { afterEach, describe, expect, it } from "vitest";
import { addDays, dataDayBounds, dataDayProblem, dataInstantProblem, isValidDay, todayUtc } from "@/lib/time";
import { costIngestBody, metricIngestBody } from "@/lib/ingest/schemas";
import { metricImportBody } from "@/lib/web/schemas";
import { awsCurFormat, focusFormat } from "@/lib/ingest/formats";

const NOW = new Date("2031-06-15T12:00:00Z");

afterEach(() => {
  delete process.env.BANDWATCH_MIN_DATA_DAY;
  delete process.env.BANDWATCH_MAX_FUTURE_DAYS;
});

describe("isValidDay", () => {
  it("returns false instead of throwing on impossible dates", () => {
    expect(() => isValidDay("2026-13-45")).not.toThrow();
    expect(isValidDay("2026-13-45")).toBe(false);
    expect(isValidDay("2026-02-30")).toBe(false);
    expect(isValidDay("2026-02-28")).toBe(true);
  });
});

describe("data day bounds", () => {
  it("accepts 2000-01-01 to today + 2 by default", () => {
    expect(dataDayBounds(NOW)).toEqual({ min: "2000-01-01", max: "2031-06-17" });
    expect(dataDayProblem("2000-01-01", NOW)).toBeNull();
    expect(dataDayProblem("2031-06-17", NOW)).toBeNull();
    expect(dataDayProblem("1999-12-31", NOW)).toMatch(/between 2000-01-01 and 2031-06-17/);
    expect(dataDayProblem("2031-06-18", NOW)).toMatch(/between/);
    expect(dataDayProblem("0000-01-01", NOW)).toMatch(/between/);
    expect(dataDayProblem("9999-12-31", NOW)).toMatch(/between/);
  });
  it("is configurable", () => {
    process.env.BANDWATCH_MIN_DATA_DAY = "2020-01-01";
    process.env.BANDWATCH_MAX_FUTURE_DAYS = "0";
    expect(dataDayBounds(NOW)).toEqual({ min: "2020-01-01", max: "2031-06-15" });
    process.env.BANDWATCH_MIN_DATA_DAY = "garbage";
    expect(dataDayBounds(NOW).min).toBe("2000-01-01");
  });
  it("rejects instants whose day lies outside, including years past 9999", () => {
    expect(dataInstantProblem(Date.parse("9999-12-31T23:59:59-23:59"), NOW)).toMatch(/within/);
    expect(dataInstantProblem(Date.parse("2031-06-17T23:59:59Z"), NOW)).toBeNull();
    expect(dataInstantProblem(Date.parse("2031-06-18T00:00:00Z"), NOW)).toMatch(/within/);
    expect(dataInstantProblem(Number.NaN, NOW)).not.toBeNull();
  });
});

describe("input schemas use the bounds (clock: now)", () => {
  const today = todayUtc();
  const fieldsOf = (r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }) => r.error?.issues.map((i) => i.path.join(".")) ?? [];

  it("cost rows: names the row and field", () => {
    const ok = costIngestBody.safeParse([{ date: addDays(today, 2), service: "EC2", amount: 1 }]);
    expect(ok.success).toBe(true);
    for (const date of ["0001-01-01", "9999-12-31", addDays(today, 3), "2026-13-45"]) {
      const bad = costIngestBody.safeParse([{ date: "2024-01-01", service: "EC2", amount: 1 }, { date, service: "EC2", amount: 1 }]);
      expect(bad.success, date).toBe(false);
      expect(fieldsOf(bad)).toEqual(["1.date"]);
    }
  });
  it("cost and metric amounts are bounded (|x| <= 1e12)", () => {
    expect(costIngestBody.safeParse([{ date: "2024-01-01", service: "EC2", amount: 1e12 }]).success).toBe(true);
    expect(fieldsOf(costIngestBody.safeParse([{ date: "2024-01-01", service: "EC2", amount: -1e300 }]))).toEqual(["0.amount"]);
    expect(fieldsOf(metricIngestBody.safeParse([{ timestamp: "2024-01-01", service: "a", metric: "m", value: 1e13 }]))).toEqual(["0.value"]);
  });
  it("metric points: timestamps and days", () => {
    for (const timestamp of ["9999-12-31T23:59:59-23:59", "0000-01-01T00:00:00Z", "1999-12-31", `${addDays(today, 3)}T00:00:00Z`, "2026-13-45"]) {
      const bad = metricIngestBody.safeParse([{ timestamp, service: "api", metric: "p95_ms", value: 1 }]);
      expect(fieldsOf(bad), timestamp).toEqual(["0.timestamp"]);
    }
    expect(metricIngestBody.safeParse([{ timestamp: `${today}T10:00:00Z`, service: "api", metric: "p95_ms", value: 1 }]).success).toBe(true);
  });
  it("web bulk history hours", () => {
    const bad = metricImportBody.safeParse([{ hour: "9999-12-31T23:59:59-23:59", metric: "pageviews", value: 1 }]);
    expect(fieldsOf(bad)).toEqual(["0.hour"]);
    expect(metricImportBody.safeParse([{ hour: `${today}T00:00:00Z`, metric: "pageviews", value: 1 }]).success).toBe(true);
  });
});

describe("FOCUS and CUR rows outside the bounds are rejected with the column named", () => {
  const bounds = dataDayBounds(NOW);
  it("FOCUS", () => {
    const mapper = focusFormat.bind(["ChargePeriodStart", "EffectiveCost", "BillingCurrency", "ServiceName", "ChargeCategory"], bounds);
    expect(mapper.map(["9999-12-31T23:59:59-23:59", "1", "USD", "EC2", "Usage"])).toMatch(/^ChargePeriodStart .* outside the accepted days 2000-01-01 to 2031-06-17/);
    expect(mapper.map(["1999-12-31", "1", "USD", "EC2", "Usage"])).toMatch(/outside/);
    expect(mapper.map(["2031-06-17T10:00:00Z", "1", "USD", "EC2", "Usage"])).toMatchObject({ day: "2031-06-17" });
    expect(mapper.map(["2031-06-17", "1e308", "USD", "EC2", "Usage"])).toMatch(/EffectiveCost/);
  });
  it("CUR", () => {
    const mapper = awsCurFormat.bind(["line_item_usage_start_date", "line_item_unblended_cost", "line_item_product_code", "line_item_line_item_type"], bounds);
    expect(mapper.map(["2031-06-18T00:00:00Z", "1", "AmazonEC2", "Usage"])).toMatch(/^line_item_usage_start_date .* outside/);
    expect(mapper.map(["2031-06-16T00:00:00Z", "1", "AmazonEC2", "Usage"])).toMatchObject({ day: "2031-06-16" });
  });
});
