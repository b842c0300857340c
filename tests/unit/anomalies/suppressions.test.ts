// The pure parts of suppression rules and the simulator: what a scope matches, which
// anomalies the alert rules would send, and the weeks of by_week.
import { describe, expect, it } from "vitest";
import { scopeFromJson, scopeMatches } from "@/lib/anomalies/suppressions";
import { weekOf, wouldAlert } from "@/lib/simulation/simulate";
import type { ReplayedAnomaly } from "@/lib/simulation/replay";

const cost = { providerId: 3, websiteId: null, metric: "cost", topServices: [{ service: "EC2" }, { service: "S3" }] };
const web = { providerId: null, websiteId: "aaaaaaaa-0000-4000-8000-000000000001", metric: "visitors", topServices: [] };

describe("scopeMatches", () => {
  it("needs every field that is set to match", () => {
    expect(scopeMatches(scopeFromJson({ provider_id: 3 }), cost)).toBe(true);
    expect(scopeMatches(scopeFromJson({ provider_id: 4 }), cost)).toBe(false);
    expect(scopeMatches(scopeFromJson({ provider_id: 3, metric: "cost" }), cost)).toBe(true);
    expect(scopeMatches(scopeFromJson({ provider_id: 3, metric: "p95_latency_ms" }), cost)).toBe(false);
    expect(scopeMatches(scopeFromJson({ website_id: web.websiteId, metric: "visitors" }), web)).toBe(true);
    expect(scopeMatches(scopeFromJson({ website_id: web.websiteId, metric: "pageviews" }), web)).toBe(false);
    expect(scopeMatches(scopeFromJson({ metric: "visitors" }), cost)).toBe(false);
  });

  it("matches a service only as the anomaly's top service, and an account through its provider", () => {
    expect(scopeMatches(scopeFromJson({ service: "EC2" }), cost)).toBe(true);
    expect(scopeMatches(scopeFromJson({ service: "S3" }), cost)).toBe(false);
    expect(scopeMatches(scopeFromJson({ service: "EC2" }), web)).toBe(false);
    const accountOf = (id: number) => (id === 3 ? "123456789012" : null);
    expect(scopeMatches(scopeFromJson({ account_id: "123456789012" }), cost, accountOf)).toBe(true);
    expect(scopeMatches(scopeFromJson({ account_id: "999" }), cost, accountOf)).toBe(false);
    expect(scopeMatches(scopeFromJson({ account_id: "123456789012" }), web, accountOf)).toBe(false);
  });
});

describe("wouldAlert", () => {
  const anomaly = (over: Partial<ReplayedAnomaly>): ReplayedAnomaly => ({
    date: "2026-03-02",
    type: "cost",
    providerId: 1,
    websiteId: null,
    metric: "cost",
    severity: "warning",
    actual: 1500,
    expected: 1000,
    deviationPercent: 50,
    impact: 500,
    periodEnd: new Date("2026-03-03T00:00:00Z"),
    topServices: [],
    ...over,
  });
  const all = { id: "d", types: "", minSeverity: "info" as const, minImpact: 0, mode: "immediate" as const };

  it("applies the destinations' filters, the minimum impact in dollars and the minimum deviation", () => {
    expect(wouldAlert(anomaly({}), { destinations: [all] })).toBe(true);
    expect(wouldAlert(anomaly({}), { destinations: [{ ...all, minSeverity: "critical" }] })).toBe(false);
    expect(wouldAlert(anomaly({}), { destinations: [{ ...all, types: "web" }] })).toBe(false);
    expect(wouldAlert(anomaly({}), { destinations: [all], minImpact: 501 })).toBe(false);
    expect(wouldAlert(anomaly({}), { destinations: [{ ...all, minImpact: 900 }], minImpact: 100 })).toBe(true);
    expect(wouldAlert(anomaly({}), { destinations: [all], minImpactPercent: 60 })).toBe(false);
    expect(wouldAlert(anomaly({ deviationPercent: -70 }), { destinations: [all], minImpactPercent: 60 })).toBe(true);
    expect(wouldAlert(anomaly({}), { destinations: [] })).toBe(false);
  });
});

describe("weekOf", () => {
  it("is the Monday of the ISO week", () => {
    expect(weekOf("2026-12-02")).toBe("2026-11-30"); // a Wednesday
    expect(weekOf("2026-11-30")).toBe("2026-11-30");
    expect(weekOf("2026-12-06")).toBe("2026-11-30"); // Sunday
  });
});
