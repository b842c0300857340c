import { describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { signatureFor } from "@/lib/alerts/send";
import { matchesFilters } from "@/lib/alerts/dispatch";
import { backoffMs } from "@/lib/alerts/deliver";
import { slackBody, anomalyPayload } from "@/lib/alerts/payload";
import { toCsv, wantsCsv } from "@/lib/http/csv";

type Destination = Parameters<typeof matchesFilters>[0];
type Anomaly = Parameters<typeof matchesFilters>[1];
const destination = (over: Partial<Destination> = {}): Destination => ({ id: "d", types: "", minSeverity: "info", minImpact: 0, mode: "immediate", ...over });
const anomaly = (over: Partial<Anomaly> = {}): Anomaly => ({
  type: "cost",
  severity: "warning",
  actual: 500,
  expected: 300,
  periodEnd: new Date(),
  status: "active",
  ...over,
});

describe("alert filters", () => {
  it("filters by type, minimum severity and minimum dollar impact", () => {
    expect(matchesFilters(destination(), anomaly())).toBe(true);
    expect(matchesFilters(destination({ types: "web" }), anomaly())).toBe(false);
    expect(matchesFilters(destination({ types: "cost,web" }), anomaly())).toBe(true);
    expect(matchesFilters(destination({ minSeverity: "critical" }), anomaly())).toBe(false);
    expect(matchesFilters(destination({ minSeverity: "warning" }), anomaly({ severity: "critical" }))).toBe(true);
    expect(matchesFilters(destination({ minImpact: 250 }), anomaly())).toBe(false); // 200 above expected
    expect(matchesFilters(destination({ minImpact: 150 }), anomaly())).toBe(true);
    // Dollar impact applies to cost only: a latency anomaly is not measured in dollars.
    expect(matchesFilters(destination({ minImpact: 1e6 }), anomaly({ type: "performance" }))).toBe(true);
  });
});

describe("webhook signature", () => {
  it("is HMAC-SHA256 over timestamp.body", () => {
    const expected = createHmac("sha256", "s3cret").update("1700000000.{}").digest("hex");
    expect(signatureFor("s3cret", "1700000000", "{}")).toBe(`sha256=${expected}`);
    expect(signatureFor("other", "1700000000", "{}")).not.toBe(`sha256=${expected}`);
  });
});

describe("retry backoff", () => {
  it("doubles per attempt and is capped", () => {
    expect(backoffMs(2)).toBe(2 * backoffMs(1));
    expect(backoffMs(3)).toBe(4 * backoffMs(1));
    expect(backoffMs(100)).toBe(6 * 3600_000);
  });
});

describe("Slack message", () => {
  it("links the anomaly and a dismiss link that lands on the detail page", () => {
    const a = anomalyPayload({
      id: 42,
      publicId: "p",
      type: "cost",
      metric: "cost",
      providerId: 1,
      websiteId: null,
      day: "2025-03-01",
      periodStart: new Date("2025-03-01T00:00:00Z"),
      actual: 500,
      expected: 300,
      expectedUpper: 350,
      deviationPercent: 66.7,
      severity: "warning",
      direction: "up",
      topServices: [{ service: "EC2", amount: 400, vs_expected: 180 }],
      detectedAt: new Date("2025-03-02T00:00:00Z"),
    });
    expect(a.impact).toBe(200);
    expect(a.url).toMatch(/\/anomalies\/42$/);
    const body = JSON.stringify(slackBody({ event: "anomaly.created", organization: "acme", anomaly: a }));
    expect(body).toContain("/anomalies/42?dismiss=1");
    expect(body).toContain("EC2");
  });
});

describe("CSV export", () => {
  it("quotes, flattens objects and defuses formulas", () => {
    const csv = toCsv([{ a: "x,y", b: 1, c: [{ s: 1 }], d: "=HYPERLINK()", e: -5 }]);
    expect(csv).toBe('a,b,c,d,e\r\n"x,y",1,"[{""s"":1}]",\'=HYPERLINK(),-5\r\n');
  });
  it("honours Accept order", () => {
    const req = (accept: string) => new Request("http://x/", { headers: { accept } });
    expect(wantsCsv(req("text/csv"))).toBe(true);
    expect(wantsCsv(req("application/json, text/csv"))).toBe(false);
    expect(wantsCsv(req("*/*"))).toBe(false);
  });
});
