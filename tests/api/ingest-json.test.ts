// JSON ingest (POST /api/v1/providers/{id}/costs and /metrics) with Idempotency-Key.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { api, createTestOrg, createTestProvider, type TestOrg } from "../support/fixtures";
import { db } from "@/lib/db/client";

type ErrorBody = { error: { code: string; message: string; details?: Array<{ field?: string; message: string }> } };

describe("POST /api/v1/providers/{id}/costs", () => {
  let org: TestOrg;
  let providerId: number;
  beforeAll(async () => {
    org = await createTestOrg("pro");
    providerId = (await createTestProvider(org.id, "json")).id;
  });

  it("sets daily amounts (re-sending replaces) and keeps purchases out of usage", async () => {
    const rows = [
      { date: "2025-05-01", service: "EC2", amount: 100 },
      { date: "2025-05-01", service: "EC2", amount: 20, charge_category: "purchase" },
      { date: "2025-05-02", service: "S3", amount: 7.5, region: "us-east-1" },
    ];
    const first = await api<{ data: { rows_accepted: number; days: string[] } }>(`/api/v1/providers/${providerId}/costs`, { method: "POST", key: org.key, body: rows });
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ rows_accepted: 3, days: ["2025-05-01", "2025-05-02"] });
    await api(`/api/v1/providers/${providerId}/costs`, { method: "POST", key: org.key, body: rows });
    const daily = await db().costDaily.findMany({ where: { providerId }, orderBy: { day: "asc" } });
    expect(daily.map((d) => [d.day, d.service, d.amount, d.otherAmount])).toEqual([
      ["2025-05-01", "EC2", 100, 20],
      ["2025-05-02", "S3", 7.5, 0],
    ]);
  });

  it("names the row and field of a validation error", async () => {
    const res = await api<ErrorBody>(`/api/v1/providers/${providerId}/costs`, {
      method: "POST",
      key: org.key,
      body: [{ date: "2025-05-01", service: "EC2", amount: 1 }, { date: "2025-02-30", service: "EC2", amount: 1 }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_body");
    expect(res.body.error.details?.[0].field).toBe("1.date");
    const wrongCurrency = await api<ErrorBody>(`/api/v1/providers/${providerId}/costs`, { method: "POST", key: org.key, body: [{ date: "2025-05-01", service: "EC2", amount: 1, currency: "EUR" }] });
    expect(wrongCurrency.status).toBe(400);
    expect(wrongCurrency.body.error.details?.[0].field).toBe("0.currency");
  });

  it("replays an Idempotency-Key and refuses it with a different body", async () => {
    const key = randomUUID();
    const body = [{ date: "2025-06-01", service: "Lambda", amount: 3 }];
    const first = await api(`/api/v1/providers/${providerId}/costs`, { method: "POST", key: org.key, body, headers: { "idempotency-key": key } });
    expect(first.status).toBe(200);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const replay = await api(`/api/v1/providers/${providerId}/costs`, { method: "POST", key: org.key, body, headers: { "idempotency-key": key } });
    expect(replay.status).toBe(200);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body).toEqual(first.body);
    const conflict = await api<ErrorBody>(`/api/v1/providers/${providerId}/costs`, { method: "POST", key: org.key, body: [{ ...body[0], amount: 4 }], headers: { "idempotency-key": key } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe("conflict");
    // The same key in another organization is another key.
    const other = await createTestOrg("pro");
    const otherProvider = (await createTestProvider(other.id, "other")).id;
    const elsewhere = await api(`/api/v1/providers/${otherProvider}/costs`, { method: "POST", key: other.key, body, headers: { "idempotency-key": key } });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.headers.get("idempotent-replayed")).toBeNull();
  });

  it("404s another organization's provider", async () => {
    const other = await createTestOrg("pro");
    const res = await api<ErrorBody>(`/api/v1/providers/${providerId}/costs`, { method: "POST", key: other.key, body: [{ date: "2025-05-01", service: "EC2", amount: 1 }] });
    expect(res.status).toBe(404);
  });
});

describe("POST /api/v1/providers/{id}/metrics", () => {
  it("averages points per day, folding later points into the running mean", async () => {
    const org = await createTestOrg("pro");
    const providerId = (await createTestProvider(org.id, "metrics")).id;
    const send = (points: unknown[]) => api(`/api/v1/providers/${providerId}/metrics`, { method: "POST", key: org.key, body: points });
    expect(
      (await send([
        { timestamp: "2025-05-01T01:00:00Z", service: "api", metric: "p95_latency_ms", value: 100 },
        { timestamp: "2025-05-01T02:00:00Z", service: "api", metric: "p95_latency_ms", value: 200 },
      ])).status,
    ).toBe(200);
    expect((await send([{ timestamp: "2025-05-01T03:00:00Z", service: "api", metric: "p95_latency_ms", value: 300 }])).status).toBe(200);
    const row = await db().metricDaily.findFirst({ where: { providerId, metric: "p95_latency_ms" } });
    expect(row).toMatchObject({ day: "2025-05-01", value: 200, samples: 3 });
    const bad = await send([{ timestamp: "soon", service: "api", metric: "P95", value: 1 }]);
    expect(bad.status).toBe(400);
  });
});
