// Issue 15 part 3: API key scopes and expiry, the audit log, members, invitations,
// organization switching, and the CLI's users/orgs commands, over real HTTP.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createApiKey } from "@/lib/auth/api-keys";
import { recordAudit } from "@/lib/org/audit";
import { api, BASE_URL, createTestOrg, createTestProvider } from "../support/fixtures";
import { insertAnomaly } from "../support/cloud-fixtures";
import { signInNewMember } from "../support/session";

type V1Error = { error: { code: string; message: string } };
type AuditPage = { data: Array<{ action: string; actor: string; target_id: string | null; details: Record<string, unknown> }>; next_cursor: string | null };

const NOW = new Date("2026-06-15T12:00:00Z");

async function keyWith(orgId: string, scope: "read" | "write" | "admin", expiresAt: Date | null = null): Promise<string> {
  return (await createApiKey(orgId, `${scope} key`, { scope, expiresAt })).key;
}

async function asUser(cookie: string, pathname: string, method = "GET", body?: unknown) {
  const res = await fetch(`${BASE_URL}${pathname}`, { method, headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> & V1Error & { data: never } };
}

describe("API key scopes", () => {
  it("a read key lists but gets 403 forbidden on dismiss, ingest and the audit log, in each family's shape", async () => {
    const org = await createTestOrg();
    const provider = await createTestProvider(org.id);
    const anomaly = await insertAnomaly(org.id, provider.id, { now: NOW, daysAgo: 1 });
    const read = await keyWith(org.id, "read");
    expect((await api("/api/v1/anomalies", { key: read })).status).toBe(200);
    const dismiss = await api<V1Error>(`/api/v1/anomalies/${anomaly.id}/dismiss`, { method: "POST", key: read, body: { reason: "x" } });
    expect(dismiss.status).toBe(403);
    expect(dismiss.body.error.code).toBe("forbidden");
    const ingest = await api<V1Error>(`/api/v1/providers/${provider.id}/costs`, { method: "POST", key: read, body: [{ date: "2026-06-01", service: "EC2", amount: 1 }] });
    expect(ingest.status).toBe(403);
    expect(ingest.body.error.code).toBe("forbidden");
    expect((await api<V1Error>("/api/v1/audit-log", { key: read })).status).toBe(403);
    const website = await db().website.create({ data: { orgId: org.id, name: "Site", domain: `s-${randomUUID().slice(0, 8)}.test` } });
    const external = await api<{ success: boolean; error: { code: string } }>(`/api/external/v1/websites/${website.id}/metrics`, { method: "POST", headers: { "x-api-key": read }, body: [] });
    expect(external.status).toBe(403);
    expect(external.body).toMatchObject({ success: false, error: { code: "FORBIDDEN" } });
  });

  it("a write key ingests but cannot dismiss; an admin key (the migrated default) does both", async () => {
    const org = await createTestOrg();
    const provider = await createTestProvider(org.id);
    const anomaly = await insertAnomaly(org.id, provider.id, { now: NOW, daysAgo: 1 });
    const write = await keyWith(org.id, "write");
    const rows = [{ date: "2026-06-01", service: "EC2", amount: 12.5 }];
    const ingest = await api(`/api/v1/providers/${provider.id}/costs?detect=false`, { method: "POST", key: write, body: rows });
    expect([200, 201]).toContain(ingest.status);
    expect((await api(`/api/v1/anomalies/${anomaly.id}/dismiss`, { method: "POST", key: write, body: {} })).status).toBe(403);
    expect((await db().apiKey.findFirst({ where: { orgId: org.id, name: "test" } }))?.scope).toBe("admin");
    expect((await api(`/api/v1/anomalies/${anomaly.id}/dismiss`, { method: "POST", key: org.key, body: {} })).status).toBe(200);
  });
});

describe("API key expiry", () => {
  it("an expired key gets 401, a key expiring later works until then (the auth cache keeps no key past its expiry)", async () => {
    const org = await createTestOrg();
    const expired = await keyWith(org.id, "admin", new Date(Date.now() - 60_000));
    const res = await api<V1Error>("/api/v1/anomalies", { key: expired });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthorized");
    const soon = await keyWith(org.id, "read", new Date(Date.now() + 2_500));
    expect((await api("/api/v1/anomalies", { key: soon })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect((await api("/api/v1/anomalies", { key: soon })).status).toBe(401);
    expect((await api("/api/external/v1/websites", { headers: { "x-api-key": soon } })).status).toBe(401);
  });

  it("the dashboard creates keys with a scope and an expiry, and refuses bad ones", async () => {
    const org = await createTestOrg();
    const admin = await signInNewMember(org.id, "admin");
    const past = await asUser(admin, "/api/internal/api-keys", "POST", { name: "old", expires_at: "2020-01-01T00:00:00Z" });
    expect(past.status).toBe(400);
    expect(past.body.error.code).toBe("invalid_body");
    expect((await asUser(admin, "/api/internal/api-keys", "POST", { name: "far", expires_at: "2999-01-01T00:00:00Z" })).status).toBe(400);
    expect((await asUser(admin, "/api/internal/api-keys", "POST", { name: "bad", scope: "root" })).status).toBe(400);
    expect((await asUser(admin, "/api/internal/api-keys", "POST", { name: "bad", expires_at: "tomorrow" })).status).toBe(400);
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const made = await asUser(admin, "/api/internal/api-keys", "POST", { name: "reader", scope: "read", expires_at: expiresAt });
    expect(made.status).toBe(201);
    const created = (made.body as unknown as { data: { key: string; api_key: { scope: string; expires_at: string } } }).data;
    expect(created.api_key).toMatchObject({ scope: "read", expires_at: expiresAt });
    expect((await api("/api/v1/anomalies", { key: created.key })).status).toBe(200);
    const plain = await asUser(admin, "/api/internal/api-keys", "POST", { name: "plain" });
    expect((plain.body as unknown as { data: { api_key: { scope: string; expires_at: null } } }).data.api_key).toMatchObject({ scope: "admin", expires_at: null });
  });
});

describe("GET /api/v1/audit-log", () => {
  it("records key creation and revocation with the actor, newest first", async () => {
    const org = await createTestOrg();
    const admin = await signInNewMember(org.id, "admin");
    const made = await asUser(admin, "/api/internal/api-keys", "POST", { name: "audited", scope: "write" });
    const id = (made.body as unknown as { data: { api_key: { id: string } } }).data.api_key.id;
    expect((await asUser(admin, `/api/internal/api-keys/${id}`, "DELETE")).status).toBe(200);
    const log = await api<AuditPage>("/api/v1/audit-log", { key: org.key });
    expect(log.status).toBe(200);
    expect(log.body.data.map((e) => e.action).slice(0, 2)).toEqual(["api_key.revoke", "api_key.create"]);
    expect(log.body.data[1]).toMatchObject({ target_id: id, details: { scope: "write", name: "audited" } });
    expect(log.body.data[0].actor).toMatch(/@session\.test$/);
  });

  it("records alert destination and provider changes without the destination's URL", async () => {
    const org = await createTestOrg();
    const admin = await signInNewMember(org.id, "admin");
    // 127.0.0.1 is the one host the test server may send to (BANDWATCH_ALERT_ALLOW_HOSTS); nothing listens on port 9.
    const url = "http://127.0.0.1:9/hooks/secret-token-123";
    const made = await asUser(admin, "/api/internal/alerts/destinations", "POST", { kind: "webhook", name: "ops hook", url });
    expect(made.status).toBe(201);
    const destinationId = (made.body as unknown as { data: { id: string } }).data.id;
    expect((await asUser(admin, `/api/internal/alerts/destinations/${destinationId}`, "PATCH", { min_severity: "warning" })).status).toBe(200);
    expect((await asUser(admin, `/api/internal/alerts/destinations/${destinationId}`, "DELETE")).status).toBe(204);
    const provider = await asUser(admin, "/api/internal/providers", "POST", { kind: "aws", name: "Audited AWS" });
    const providerId = (provider.body as unknown as { data: { id: number } }).data.id;
    expect((await asUser(admin, `/api/internal/providers/${providerId}`, "PATCH", { budget: 5000 })).status).toBe(200);
    const log = await api<AuditPage>("/api/v1/audit-log", { key: org.key });
    expect(log.body.data.map((e) => e.action).slice(0, 5)).toEqual(["provider.update", "provider.create", "destination.delete", "destination.update", "destination.create"]);
    expect(log.body.data[0]).toMatchObject({ target_id: String(providerId), details: { budget: 5000 } });
    expect(log.body.data[3]).toMatchObject({ target_id: destinationId, details: { fields: ["min_severity"] } });
    expect(JSON.stringify(log.body.data)).not.toContain("secret-token-123");
  });

  it("pages with a cursor, filters by action and since, and never shows another organization's entries", async () => {
    const org = await createTestOrg();
    const other = await createTestOrg();
    for (let i = 0; i < 5; i++) {
      await recordAudit({ orgId: org.id, actor: "cli", action: i % 2 ? "member.invite" : "settings.change", targetType: "t", targetId: i, at: new Date(Date.UTC(2026, 0, 1 + i)) });
    }
    await recordAudit({ orgId: other.id, actor: "cli", action: "settings.change", targetType: "t", targetId: "other", at: new Date(Date.UTC(2026, 0, 3)) });
    const first = await api<AuditPage>("/api/v1/audit-log?limit=2", { key: org.key });
    expect(first.body.data.map((e) => e.target_id)).toEqual(["4", "3"]);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await api<AuditPage>(`/api/v1/audit-log?limit=2&cursor=${first.body.next_cursor}`, { key: org.key });
    expect(second.body.data.map((e) => e.target_id)).toEqual(["2", "1"]);
    const third = await api<AuditPage>(`/api/v1/audit-log?limit=2&cursor=${second.body.next_cursor}`, { key: org.key });
    expect(third.body).toMatchObject({ next_cursor: null });
    expect(third.body.data.map((e) => e.target_id)).toEqual(["0"]);
    const invites = await api<AuditPage>("/api/v1/audit-log?action=member.invite", { key: org.key });
    expect(invites.body.data.map((e) => e.target_id)).toEqual(["3", "1"]);
    const since = await api<AuditPage>("/api/v1/audit-log?since=2026-01-04", { key: org.key });
    expect(since.body.data.map((e) => e.target_id)).toEqual(["4", "3"]);
  });

  it.each([["limit=0"], ["limit=201"], ["limit=abc"], ["cursor=bm9wZQ"], ["action=bogus"], ["since=yesterday"], ["since=1999-01-01"], [`cursor=${"x".repeat(300)}`]])("refuses %s with 400 invalid_parameter", async (query) => {
    const org = await createTestOrg();
    const res = await api<V1Error>(`/api/v1/audit-log?${query}`, { key: org.key });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_parameter");
  });

  it("is for admins: analysts get 403, anonymous callers 401", async () => {
    const org = await createTestOrg();
    const analyst = await signInNewMember(org.id, "analyst");
    expect((await asUser(analyst, "/api/v1/audit-log")).status).toBe(403);
    expect((await api("/api/v1/audit-log")).status).toBe(401);
  });
});
