// Alerts end to end against a local receiver: settings routes (session, admin), "Send
// test" with an HMAC signature, retries with backoff, detection → queued alert, filters.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, createTestOrg, createTestProvider, type TestOrg } from "../support/fixtures";
import { writeSyntheticCosts } from "../support/cloud-fixtures";
import { signInCookie } from "../support/session";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/passwords";
import { signatureFor } from "@/lib/alerts/send";
import { claimDelivery, processDueDeliveries } from "@/lib/alerts/deliver";
import { sealLegacySecrets } from "@/lib/alerts/destinations";
import { runDetection } from "@/lib/jobs/run-detection";

interface Received {
  headers: IncomingMessage["headers"];
  body: string;
}

let server: Server;
let receiverUrl: string;
const received: Received[] = [];
let failuresLeft = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        res.writeHead(503).end("busy");
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Signs in and checks that a session cookie came back. */
async function signIn(email: string, password: string): Promise<string> {
  const cookie = await signInCookie(email, password);
  expect(cookie.split("; ").some((c) => c.includes("session-token"))).toBe(true);
  return cookie;
}

async function addUser(org: TestOrg, role: "admin" | "analyst") {
  const email = `${role}-${randomUUID().slice(0, 8)}@alerts.test`;
  const user = await db().user.create({ data: { email, passwordHash: await hashPassword("alerts-password-1") } });
  await db().membership.create({ data: { orgId: org.id, userId: user.id, role } });
  return signIn(email, "alerts-password-1");
}

async function call<T>(cookie: string, path: string, method = "GET", body?: unknown) {
  const res = await fetch(`${BASE_URL}${path}`, { method, headers: { cookie, ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

type Destination = { id: string; secret?: string; secret_hint: string | null };
type Delivery = { id: string; status: string; attempts: number; response_status: number | null; event: string; anomaly_id: number | null };

describe("alert destinations and deliveries", () => {
  let org: TestOrg;
  let admin: string;
  let webhook: Destination;

  beforeAll(async () => {
    org = await createTestOrg("pro");
    admin = await addUser(org, "admin");
  });

  it("lets admins create destinations, validates them, and keeps analysts read-only", async () => {
    const bad = await call<{ error: { code: string; details: Array<{ field: string }> } }>(admin, "/api/internal/alerts/destinations", "POST", { kind: "webhook", name: "x" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe("url");
    const created = await call<{ data: Destination }>(admin, "/api/internal/alerts/destinations", "POST", { kind: "webhook", name: "Receiver", url: receiverUrl });
    expect(created.status).toBe(201);
    webhook = created.body.data;
    expect(webhook.secret).toMatch(/^whsec_/);
    const analyst = await addUser(org, "analyst");
    expect((await call(analyst, "/api/internal/alerts/destinations")).status).toBe(200);
    expect((await call(analyst, "/api/internal/alerts/destinations", "POST", { kind: "slack", name: "s", url: receiverUrl })).status).toBe(403);
    expect((await call(analyst, `/api/internal/alerts/destinations/${webhook.id}/test`, "POST")).status).toBe(403);
    const list = await call<{ data: Destination[] }>(admin, "/api/internal/alerts/destinations");
    expect(list.body.data[0].secret).toBeUndefined();
  });

  it("sends a signed test message", async () => {
    received.length = 0;
    const res = await call<{ data: Delivery }>(admin, `/api/internal/alerts/destinations/${webhook.id}/test`, "POST");
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: "delivered", attempts: 1, response_status: 204, event: "test" });
    expect(received).toHaveLength(1);
    const { headers, body } = received[0];
    expect(headers["x-bandwatch-event"]).toBe("test");
    expect(headers["x-bandwatch-signature"]).toBe(signatureFor(webhook.secret!, String(headers["x-bandwatch-timestamp"]), body));
    expect(headers["x-bandwatch-signature"]).not.toBe(signatureFor("wrong", String(headers["x-bandwatch-timestamp"]), body));
  });

  it("masks URLs for analysts and keeps signing secrets encrypted at rest", async () => {
    const analyst = await addUser(org, "analyst");
    const asAnalyst = await call<{ data: Array<{ id: string; url: string }> }>(analyst, "/api/internal/alerts/destinations");
    const origin = new URL(receiverUrl).origin;
    expect(asAnalyst.body.data.find((d) => d.id === webhook.id)!.url).toBe(`${origin}/…`);
    expect(JSON.stringify(asAnalyst.body)).not.toContain("/hook");
    const asAdmin = await call<{ data: Array<{ id: string; url: string }> }>(admin, "/api/internal/alerts/destinations");
    expect(asAdmin.body.data.find((d) => d.id === webhook.id)!.url).toBe(receiverUrl);
    const stored = await db().alertDestination.findUniqueOrThrow({ where: { id: webhook.id } });
    expect(stored.secret).toMatch(/^enc:v1:/);
    expect(stored.secret).not.toContain(webhook.secret!.slice(6));
    // Rows from before encryption are sealed at start-up and still sign with the same secret.
    const plain = "whsec_legacy-plaintext-secret-0001";
    const legacy = await db().alertDestination.create({ data: { orgId: org.id, name: "legacy-secret", kind: "webhook", url: receiverUrl, secret: plain, types: "", minSeverity: "info", minImpact: 0, mode: "immediate", enabled: true } });
    expect(await sealLegacySecrets()).toBeGreaterThanOrEqual(1);
    const sealed = await db().alertDestination.findUniqueOrThrow({ where: { id: legacy.id } });
    expect(sealed.secret).toMatch(/^enc:v1:/);
    received.length = 0;
    const sent = await call<{ data: Delivery }>(admin, `/api/internal/alerts/destinations/${legacy.id}/test`, "POST");
    expect(sent.body.data.status).toBe("delivered");
    const { headers, body } = received[0];
    expect(headers["x-bandwatch-signature"]).toBe(signatureFor(plain, String(headers["x-bandwatch-timestamp"]), body));
    await db().alertDestination.delete({ where: { id: legacy.id } });
  });

  it("retries a failing receiver with backoff and logs every attempt", async () => {
    received.length = 0;
    failuresLeft = 2;
    const first = await call<{ data: Delivery }>(admin, `/api/internal/alerts/destinations/${webhook.id}/test`, "POST");
    expect(first.body.data).toMatchObject({ status: "pending", attempts: 1, response_status: 503 });
    const row = await db().alertDelivery.findUnique({ where: { id: first.body.data.id } });
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    // Move the clock past each backoff instead of waiting for it.
    const backoff1 = row!.nextAttemptAt.getTime() - row!.createdAt.getTime();
    await processDueDeliveries(new Date(row!.nextAttemptAt.getTime() + 1));
    const second = await db().alertDelivery.findUnique({ where: { id: row!.id } });
    expect(second).toMatchObject({ status: "pending", attempts: 2 });
    expect(second!.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(backoff1 * 1.5);
    await processDueDeliveries(new Date(second!.nextAttemptAt.getTime() + 1));
    const third = await db().alertDelivery.findUnique({ where: { id: row!.id } });
    expect(third).toMatchObject({ status: "delivered", attempts: 3, responseStatus: 204 });
    expect(received).toHaveLength(3);
    // The same delivery id on every attempt, so a receiver can de-duplicate.
    expect(new Set(received.map((r) => r.headers["x-bandwatch-delivery"])).size).toBe(1);
    const log = await call<{ data: Delivery[] }>(admin, "/api/internal/alerts/deliveries");
    expect(log.body.data.find((d) => d.id === row!.id)).toMatchObject({ status: "delivered", attempts: 3 });
  });

  it("queues a created anomaly from detection for matching destinations only", async () => {
    const filtered = await call<{ data: Destination }>(admin, "/api/internal/alerts/destinations", "POST", { kind: "slack", name: "Web only", url: receiverUrl, types: ["web"] });
    expect(filtered.status).toBe(201);
    const providerId = (await createTestProvider(org.id, "alerting")).id;
    // Alerts skip periods older than BANDWATCH_ALERT_MAX_AGE_DAYS, so this clock is the real one.
    const now = new Date();
    await writeSyntheticCosts(org.id, providerId, [{ service: "EC2", base: 400, incidents: { 1: 4 } }, { service: "S3", base: 100 }], { now, days: 60 });
    received.length = 0;
    const summary = await runDetection({ now, orgIds: [org.id], waitForLockMs: 60_000 });
    expect(summary.created).toBeGreaterThan(0);
    const queued = await db().alertDelivery.findMany({ where: { destination: { orgId: org.id }, event: "created" } });
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.every((d) => d.destinationId === webhook.id)).toBe(true);
    await processDueDeliveries(new Date(Date.now() + 5 * 60_000));
    const deadline = Date.now() + 10_000;
    while (!received.some((r) => r.headers["x-bandwatch-event"] === "anomaly.created") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const message = received.find((r) => r.headers["x-bandwatch-event"] === "anomaly.created");
    expect(message).toBeTruthy();
    const payload = JSON.parse(message!.body) as { anomaly: { type: string; provider_id: number; url: string; dismiss_url: string; impact: number } };
    expect(payload.anomaly).toMatchObject({ type: "cost", provider_id: providerId });
    expect(payload.anomaly.impact).toBeGreaterThan(0);
    expect(payload.anomaly.dismiss_url).toMatch(/\/anomalies\/\d+\?dismiss=1$/);
  });

  it("refuses internal targets when saving and again when sending, with generic errors", async () => {
    const internal = ["http://10.0.0.1/hook", "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/", "http://[::ffff:127.0.0.2]:9/", "http://127.0.0.2:9/", "http://2130706434/", "http://100.64.0.1/", "http://[::1]/"];
    for (const url of internal) {
      const res = await call<{ error: { code: string; message: string; details: Array<{ field: string }> } }>(admin, "/api/internal/alerts/destinations", "POST", { kind: "slack", name: "internal", url });
      expect(res.status, url).toBe(400);
      expect(res.body.error.details[0].field).toBe("url");
      expect(res.body.error.message).not.toMatch(/ECONN|EHOST|ENOTFOUND|127\.|10\.0/);
    }
    const patched = await call(admin, `/api/internal/alerts/destinations/${webhook.id}`, "PATCH", { url: "http://169.254.169.254/" });
    expect(patched.status).toBe(400);
    // A row saved before the check existed (or whose DNS changed since) is refused at send time.
    const legacy = await db().alertDestination.create({ data: { orgId: org.id, name: "legacy", kind: "webhook", url: "http://127.0.0.2:9/hook", types: "", minSeverity: "info", minImpact: 0, mode: "immediate", enabled: true } });
    received.length = 0;
    const refused = await call<{ data: Delivery & { last_error: string } }>(admin, `/api/internal/alerts/destinations/${legacy.id}/test`, "POST");
    expect(refused.body.data).toMatchObject({ status: "pending", attempts: 1, response_status: null, last_error: "destination address is not allowed" });
    // An allowed host with nothing listening: the log says so without naming ports or errno codes.
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, "127.0.0.1", () => {
        const port = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(port));
      });
    });
    const dead = await call<{ data: Destination }>(admin, "/api/internal/alerts/destinations", "POST", { kind: "webhook", name: "closed", url: `http://127.0.0.1:${closed}/hook` });
    expect(dead.status).toBe(201);
    const failed = await call<{ data: Delivery & { last_error: string } }>(admin, `/api/internal/alerts/destinations/${dead.body.data.id}/test`, "POST");
    expect(failed.body.data.last_error).toBe("could not connect to the destination");
    expect(received).toHaveLength(0);
    await db().alertDestination.deleteMany({ where: { id: { in: [legacy.id, dead.body.data.id] } } });
  });

  it("times a delivery's claim from the claim, so a long pass never hands out an expired lease", async () => {
    const passStartedLongAgo = new Date(Date.now() - 10 * 60_000);
    // The running server's own delivery loop may claim a due row first (seen under load); that
    // race is the lease working, so the check moves to a fresh row, a few times at most.
    let row = null;
    let claimedAt: Date | null = null;
    for (let attempt = 0; attempt < 5 && claimedAt === null; attempt++) {
      row = await db().alertDelivery.create({ data: { destinationId: webhook.id, event: "test", status: "pending", payload: "{}", nextAttemptAt: new Date(passStartedLongAgo.getTime() - 1000) } });
      claimedAt = await claimDelivery(row.id, passStartedLongAgo);
    }
    expect(claimedAt).not.toBeNull();
    if (!row) throw new Error("no delivery row was created");
    const claimed = await db().alertDelivery.findUniqueOrThrow({ where: { id: row.id } });
    expect(claimed.status).toBe("sending");
    expect(claimed.claimExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 60_000);
    // Another instance's pass, now: the lease still holds, so it cannot send the row again.
    expect(await claimDelivery(row.id, new Date())).toBeNull();
    // Once the lease has run out (a crashed sender), the row can be claimed again.
    expect(await claimDelivery(row.id, new Date(claimed.claimExpiresAt!.getTime() + 1))).not.toBeNull();
    await db().alertDelivery.delete({ where: { id: row.id } });
  });

  it("throttles Send test with 429 and Retry-After", async () => {
    const dest = await call<{ data: Destination }>(admin, "/api/internal/alerts/destinations", "POST", { kind: "slack", name: "throttled", url: receiverUrl });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    // 11 tries span at most two fixed windows of 5, so at least one is refused.
    for (let i = 0; i < 11; i++) {
      const res = await fetch(`${BASE_URL}/api/internal/alerts/destinations/${dest.body.data.id}/test`, { method: "POST", headers: { cookie: admin } });
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get("retry-after");
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
      } else await res.arrayBuffer();
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(10);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it("keeps other organizations' destinations out of reach", async () => {
    const other = await createTestOrg("pro");
    const otherAdmin = await addUser(other, "admin");
    expect((await call(otherAdmin, `/api/internal/alerts/destinations/${webhook.id}`, "PATCH", { enabled: false })).status).toBe(404);
    expect((await call(otherAdmin, `/api/internal/alerts/destinations/${webhook.id}/test`, "POST")).status).toBe(404);
    const list = await call<{ data: Destination[] }>(otherAdmin, "/api/internal/alerts/destinations");
    expect(list.body.data).toEqual([]);
  });
});
