// Issue 10, data-side hardening, against the running app (real HTTP) and its real database:
// date bounds (1), streamed body limits (2), the SQLite gate (3, 4), CSV and gzip limits
// (5, 6) and the small items of 17. Dates are computed from the clock, never hard-coded
// to a particular "today".
import { randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { gzipSync } from "node:zlib";
import { Readable } from "node:stream";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { api, BASE_URL, createTestOrg, createTestProvider, fetchWithRetry as fetchFresh, type TestOrg } from "../support/fixtures";
import { awayFromWindowEdge, BROWSER_UA, createTestWebsite } from "../support/web-fixtures";
import { signInCookie } from "../support/session";
import { db, dbProvider } from "@/lib/db/client";
import { sqliteFileFromUrl } from "@/lib/db/url";
import { hashPassword } from "@/lib/auth/passwords";
import { isDatabaseBusy, toHttpError } from "@/lib/http/route";
import { addDays, todayUtc } from "@/lib/time";
import { chargeCredit, creditPeriod, withCredit } from "@/lib/org/credits";
import { importCostFile } from "@/lib/ingest/runner";
import { importUpload } from "@/lib/ingest/upload";
import { PLAN_CREDITS } from "@/lib/org/organizations";
import { sweepStaleWork } from "@/lib/ingest/sweeper";
import { readImportSummary } from "@/lib/ingest/stored-summary";
import { orgWriteBucket, writeRateLimitConfig } from "@/lib/org/rate-limit";

type ErrorBody = { error: { code: string; message: string; details?: Array<{ field?: string; message: string }> } };
type RunsBody = { data: Array<{ status: string; error: string | null; error_code: string | null; file_name: string }> };

const FOCUS_HEADER = "ChargePeriodStart,EffectiveCost,BillingCurrency,ServiceName,ChargeCategory";
const focusRow = (day: string, amount: number, service = "EC2") => `${day}T00:00:00Z,${amount},USD,${service},Usage`;

async function upload(org: TestOrg, providerId: number, body: Buffer | string, opts: { type?: string; name?: string } = {}) {
  const res = await fetchFresh(`${BASE_URL}/api/v1/providers/${providerId}/imports?detect=false&force=true`, {
    method: "POST",
    headers: { authorization: `Bearer ${org.key}`, "content-type": opts.type ?? "text/csv", ...(opts.name ? { "x-file-name": opts.name } : {}) },
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as ErrorBody & { data: { rows_read: number; rows_imported: number; rows_rejected: number; rejected: Array<{ line: number; reason: string }>; days: string[] } } };
}

/** Streams a chunked body (no Content-Length) until the server answers; returns the status and bytes sent. */
function chunkedPost(pathname: string, headers: Record<string, string>, chunkBytes: number, maxBytes: number): Promise<{ status: number; sent: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(pathname, BASE_URL);
    let sent = 0;
    let answered = false;
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } }, (res) => {
      answered = true;
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, sent, body });
        req.destroy();
      });
    });
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(chunkBytes, 0x61);
    const pump = () => {
      while (!answered && sent < maxBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe("data day bounds on every input path (item 1)", () => {
  let org: TestOrg;
  let providerId: number;
  beforeAll(async () => {
    org = await createTestOrg("pro");
    providerId = (await createTestProvider(org.id, "bounds")).id;
  });

  it("cost rows outside 2000-01-01..today+2 are a 400 naming the row and field", async () => {
    const today = todayUtc();
    for (const date of ["9999-12-31", "0001-01-01", "1999-12-31", addDays(today, 3)]) {
      const res = await api<ErrorBody>(`/api/v1/providers/${providerId}/costs`, { method: "POST", key: org.key, body: [{ date: today, service: "EC2", amount: 1 }, { date, service: "EC2", amount: 1 }] });
      expect(res.status, date).toBe(400);
      expect(res.body.error.details?.[0].field).toBe("1.date");
    }
    const impossible = await api<ErrorBody>(`/api/v1/providers/${providerId}/costs`, { method: "POST", key: org.key, body: [{ date: "2026-13-45", service: "EC2", amount: 1 }] });
    expect(impossible.status).toBe(400);
    const edge = await api(`/api/v1/providers/${providerId}/costs`, { method: "POST", key: org.key, body: [{ date: addDays(today, 2), service: "EC2", amount: 1 }, { date: "2000-01-01", service: "EC2", amount: 1 }] });
    expect(edge.status).toBe(200);
  });

  it("amounts beyond 1e12 are refused, so sums stay finite (item 17)", async () => {
    const res = await api<ErrorBody>(`/api/v1/providers/${providerId}/costs`, { method: "POST", key: org.key, body: [{ date: todayUtc(), service: "EC2", amount: 1e308 }] });
    expect(res.status).toBe(400);
    expect(res.body.error.details?.[0].field).toBe("0.amount");
  });

  it("metric timestamps such as 9999-12-31T23:59:59-23:59 are a 400", async () => {
    const res = await api<ErrorBody>(`/api/v1/providers/${providerId}/metrics`, {
      method: "POST",
      key: org.key,
      body: [{ timestamp: "9999-12-31T23:59:59-23:59", service: "api", metric: "p95_latency_ms", value: 1 }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details?.[0].field).toBe("0.timestamp");
  });

  it("web bulk history rows outside the bounds are a 400 in the website API's error shape", async () => {
    const site = await createTestWebsite(org.id);
    const res = await api<{ success: boolean; error: { code: string; details?: Array<{ field?: string }> } }>(`/api/external/v1/websites/${site.id}/metrics`, {
      method: "POST",
      key: org.key,
      body: [{ hour: "9999-12-31T23:59:59-23:59", metric: "pageviews", value: 1 }],
    });
    expect(res.status).toBe(400);
    expect(res.body.success).toBe(false);
    expect(res.body.error.code).toBe("INVALID_BODY");
    expect(res.body.error.details?.[0].field).toBe("0.hour");
  });

  it("collect events with a timestamp far in the future or past are a 400 naming the event's ts", async () => {
    const site = await createTestWebsite(org.id);
    for (const ts of ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00Z", 253402300799999, -1e15]) {
      const res = await api<ErrorBody>("/api/collect", {
        method: "POST",
        headers: { "user-agent": BROWSER_UA, "content-type": "text/plain;charset=UTF-8" },
        rawBody: JSON.stringify({ type: "pageview", website: site.id, url: `https://${site.domain}/`, ts }),
      });
      expect(res.status, String(ts)).toBe(400);
      expect(res.text).toMatch(/ts/);
    }
  });

  it("FOCUS rows outside the bounds are rejected with their line; the others import", async () => {
    const p = (await createTestProvider(org.id, "bounds-import")).id;
    const today = todayUtc();
    const csv = [FOCUS_HEADER, focusRow(today, 5), "9999-12-31T23:59:59-23:59,5,USD,EC2,Usage", focusRow("1999-12-31", 5)].join("\n");
    const res = await upload(org, p, csv);
    expect(res.status).toBe(201);
    expect(res.body.data.rows_imported).toBe(1);
    expect(res.body.data.rejected.map((r) => r.line)).toEqual([3, 4]);
    expect(res.body.data.rejected[0].reason).toMatch(/ChargePeriodStart .*outside the accepted days/);
    expect(res.body.data.days).toEqual([today]);
  });
});

describe("body limits are enforced while streaming (item 2)", () => {
  it("a chunked /api/collect body is refused with 413 long before it is all sent", async () => {
    const res = await chunkedPost("/api/collect", { "content-type": "application/json" }, 64 * 1024, 256 * 1024 * 1024);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe("payload_too_large");
    expect(res.sent).toBeLessThan(64 * 1024 * 1024);
  });

  it("so is a chunked ingest body", async () => {
    const org = await createTestOrg("pro");
    const p = (await createTestProvider(org.id, "chunked")).id;
    const res = await chunkedPost(`/api/v1/providers/${p}/costs`, { "content-type": "application/json", authorization: `Bearer ${org.key}` }, 64 * 1024, 256 * 1024 * 1024);
    expect(res.status).toBe(413);
    expect(res.sent).toBeLessThan(64 * 1024 * 1024);
  });
});

describe.runIf(dbProvider() === "sqlite")("SQLite: no request joins another's transaction (items 3, 4)", () => {
  it("a credit charge issued while a failing transaction is open is not rolled back with it", async () => {
    const org = await createTestOrg("pro");
    const provider = await createTestProvider(org.id, "gate");
    const before = (await db().organization.findUniqueOrThrow({ where: { id: org.id } })).creditBalance;
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const failing = db().$transaction(async (tx) => {
      await tx.costEntry.create({ data: { orgId: org.id, providerId: provider.id, day: "2024-01-01", service: "gate", amount: 1, source: "test" } });
      opened();
      await new Promise((resolve) => setTimeout(resolve, 300));
      throw new Error("ingest failed");
    });
    await open;
    const charge = chargeCredit(org.id, "pro");
    await expect(failing).rejects.toThrow("ingest failed");
    expect(await charge).toBe(before - 1);
    expect((await db().organization.findUniqueOrThrow({ where: { id: org.id } })).creditBalance).toBe(before - 1);
    expect(await db().costEntry.count({ where: { providerId: provider.id } })).toBe(0);
  });

  it("an import's bulk writer waits for an open ORM transaction instead of freezing the process", async () => {
    const org = await createTestOrg("pro");
    const provider = await createTestProvider(org.id, "gate-import");
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const transaction = db().$transaction(async (tx) => {
      await tx.costEntry.create({ data: { orgId: org.id, providerId: provider.id, day: "2024-02-01", service: "orm", amount: 1, source: "test" } });
      opened();
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    await open;
    const csv = [FOCUS_HEADER, focusRow("2024-02-02", 3, "import")].join("\n");
    const imported = importCostFile({ orgId: org.id, providerId: provider.id, format: "focus", input: Readable.from([Buffer.from(csv)]), fileName: "gate.csv" });
    await transaction;
    expect((await imported).rowsImported).toBe(1);
    expect(await db().costEntry.count({ where: { providerId: provider.id } })).toBe(2);
  });
});

describe.runIf(dbProvider() === "sqlite")("an import waits for another connection's write lock without blocking the event loop (item 4)", () => {
  it("retries asynchronously: timers keep firing, and the import succeeds once the lock is released", async () => {
    const org = await createTestOrg("pro");
    const provider = await createTestProvider(org.id, "busy-writer");
    const locker = new Database(sqliteFileFromUrl(process.env.DATABASE_URL ?? ""));
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 20);
    const csv = [FOCUS_HEADER, focusRow("2024-07-01", 4, "locked")].join("\n");
    async function* input() {
      yield Buffer.from(csv);
      // Another writer (think: a CLI import in a second process) takes the lock for 800 ms.
      locker.exec("BEGIN IMMEDIATE");
      setTimeout(() => locker.exec("COMMIT"), 800);
    }
    try {
      const summary = await importCostFile({ orgId: org.id, providerId: provider.id, format: "focus", input: input(), fileName: "locked.csv" });
      expect(summary.rowsImported).toBe(1);
      expect(ticks).toBeGreaterThan(10); // the loop ran while the writer waited
      expect(await db().costEntry.count({ where: { providerId: provider.id } })).toBe(1);
    } finally {
      clearInterval(ticker);
      if (locker.inTransaction) locker.exec("ROLLBACK");
      locker.close();
    }
  });
});

describe.runIf(dbProvider() === "sqlite")("SQLite busy handling on the shared connection (items 3, 4)", () => {
  it("a statement blocked by another process's write lock is retried asynchronously and succeeds", async () => {
    const org = await createTestOrg("pro");
    const locker = new Database(sqliteFileFromUrl(process.env.DATABASE_URL ?? ""));
    locker.exec("BEGIN IMMEDIATE");
    setTimeout(() => locker.exec("COMMIT"), 1_500);
    try {
      await db().organization.update({ where: { id: org.id }, data: { name: "renamed while locked" } });
      expect((await db().organization.findUniqueOrThrow({ where: { id: org.id } })).name).toBe("renamed while locked");
    } finally {
      if (locker.inTransaction) locker.exec("ROLLBACK");
      locker.close();
    }
  });

  it("once the wait is used up the error is recognised as 'database busy' (a 503, not a 500)", async () => {
    const org = await createTestOrg("pro");
    const locker = new Database(sqliteFileFromUrl(process.env.DATABASE_URL ?? ""));
    locker.exec("BEGIN IMMEDIATE");
    process.env.BANDWATCH_SQLITE_BUSY_WAIT_MS = "0";
    try {
      const error = await db()
        .organization.update({ where: { id: org.id }, data: { name: "never" } })
        .then(() => null, (e: unknown) => e);
      expect(error).not.toBeNull();
      expect(isDatabaseBusy(error)).toBe(true);
      expect(toHttpError(error, "test").status).toBe(503);
    } finally {
      delete process.env.BANDWATCH_SQLITE_BUSY_WAIT_MS;
      locker.exec("ROLLBACK");
      locker.close();
    }
  });
});

describe("the server stays responsive during a large import (item 4)", () => {
  it("/api/health answers while the import is running", async () => {
    const org = await createTestOrg("pro");
    const p = (await createTestProvider(org.id, "large")).id;
    const lines = [FOCUS_HEADER];
    const start = addDays(todayUtc(), -700);
    for (let d = 0; d < 700; d++) for (let s = 0; s < 150; s++) lines.push(focusRow(addDays(start, d), (s % 7) + 1, `svc-${s}`));
    let importDone = false;
    const importing = upload(org, p, lines.join("\n")).then((r) => {
      importDone = true;
      return r;
    });
    const healthDuringImport: number[] = [];
    while (!importDone) {
      const res = await fetchFresh(`${BASE_URL}/api/health`, {});
      if (!importDone) healthDuringImport.push(res.status);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await importing).status).toBe(201);
    expect(healthDuringImport.length).toBeGreaterThan(0);
    expect(healthDuringImport.every((s) => s === 200)).toBe(true);
  });
});

describe("CSV and gzip limits (items 5, 6)", () => {
  let org: TestOrg;
  let providerId: number;
  beforeAll(async () => {
    org = await createTestOrg("pro");
    providerId = (await createTestProvider(org.id, "csv-limits")).id;
  });

  it("an upload larger than 10 MB arrives whole (nothing in front of the route buffers or cuts it)", async () => {
    const p = (await createTestProvider(org.id, "big-upload")).id;
    const rowsWanted = 320_000;
    const row = focusRow("2024-03-05", 1, "Bulk");
    const csv = `${FOCUS_HEADER}\n${`${row}\n`.repeat(rowsWanted)}`;
    expect(Buffer.byteLength(csv)).toBeGreaterThan(10 * 1024 * 1024);
    const res = await upload(org, p, csv);
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ rows_read: rowsWanted, rows_rejected: 0 });
  });

  it("a record longer than 1 MiB is a 400 naming the line", async () => {
    const csv = `${FOCUS_HEADER}\n${focusRow("2024-03-01", 1)}\n${"x".repeat(3 * 1024 * 1024)}`;
    const res = await upload(org, providerId, csv);
    expect(res.status).toBe(400);
    expect(res.body.error.details?.[0].field).toBe("file:line 3");
    const quoted = await upload(org, providerId, `${FOCUS_HEADER}\n"${"y\n".repeat(700_000)}`);
    expect(quoted.status).toBe(400);
    expect(quoted.body.error.details?.[0].field).toBe("file:line 2");
  });

  it("a corrupt or truncated gzip is a 400 corrupt_gzip, and the run ends failed with a generic reason", async () => {
    const good = gzipSync(Buffer.from([FOCUS_HEADER, focusRow("2024-03-02", 1)].join("\n")));
    const corrupt = Buffer.concat([good.subarray(0, 10), Buffer.alloc(200, 0xff)]);
    const res = await upload(org, providerId, corrupt, { type: "application/gzip", name: "corrupt.csv.gz" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("corrupt_gzip");
    const truncated = await upload(org, providerId, good.subarray(0, good.length - 12), { type: "application/gzip", name: "truncated.csv.gz" });
    expect(truncated.status).toBe(400);
    expect(truncated.body.error.code).toBe("corrupt_gzip");
    const runs = await api<RunsBody>(`/api/v1/providers/${providerId}/imports`, { key: org.key });
    const failed = runs.body.data.find((r) => r.file_name === "corrupt.csv.gz");
    expect(failed).toMatchObject({ status: "failed", error_code: "corrupt_gzip" });
    expect(failed?.error).not.toMatch(/Z_|zlib|incorrect header/i);
  });

  it("multipart uploads are streamed (no length needed) and still imported", async () => {
    const form = new FormData();
    form.set("format", "focus");
    form.set("file", new Blob([[FOCUS_HEADER, focusRow("2024-03-03", 2)].join("\n")], { type: "text/csv" }), "form.csv");
    const res = await fetchFresh(`${BASE_URL}/api/v1/providers/${providerId}/imports?detect=false&force=true`, { method: "POST", headers: { authorization: `Bearer ${org.key}` }, body: form });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { data: { rows_imported: number; file_name: string } }).data).toMatchObject({ rows_imported: 1, file_name: "form.csv" });
    const noFile = new FormData();
    noFile.set("format", "focus");
    const missing = await fetchFresh(`${BASE_URL}/api/v1/providers/${providerId}/imports?detect=false`, { method: "POST", headers: { authorization: `Bearer ${org.key}` }, body: noFile });
    expect(missing.status).toBe(400);
  });

  it("the decompressed size is capped (BANDWATCH_MAX_DECOMPRESSED_MB → 413)", async () => {
    // In-process through the same upload code: the cap is read per upload from the environment.
    const bomb = gzipSync(Buffer.concat([Buffer.from(`${FOCUS_HEADER}\n`), Buffer.alloc(3 * 1024 * 1024, 0x0a)]));
    expect(bomb.length).toBeLessThan(64 * 1024);
    process.env.BANDWATCH_MAX_DECOMPRESSED_MB = "1";
    try {
      const request = new Request("http://local/upload", { method: "POST", headers: { "content-type": "application/gzip", "x-file-name": "bomb.csv.gz" }, body: new Uint8Array(bomb) });
      await expect(importUpload(request, org.id, providerId, {})).rejects.toMatchObject({ status: 413, kind: "payload_too_large" });
    } finally {
      delete process.env.BANDWATCH_MAX_DECOMPRESSED_MB;
    }
    const run = await db().importRun.findFirst({ where: { providerId, fileName: "bomb.csv.gz" } });
    expect(run?.status).toBe("failed");
    expect(readImportSummary(run!)).toMatchObject({ error_code: "too_large" });
  });

  it("a source that fails mid-stream ends the run failed instead of hanging", async () => {
    const good = gzipSync(Buffer.from([FOCUS_HEADER, ...Array.from({ length: 5000 }, (_, i) => focusRow("2024-03-04", i))].join("\n")));
    async function* dying() {
      yield good.subarray(0, 200);
      throw new Error("socket hang up (internal detail)");
    }
    await expect(importCostFile({ orgId: org.id, providerId, format: "focus", input: dying(), fileName: "dying.csv.gz" })).rejects.toThrow();
    const run = await db().importRun.findFirst({ where: { providerId, fileName: "dying.csv.gz" } });
    expect(run?.status).toBe("failed");
    const stored = readImportSummary(run!);
    expect(stored.error_code).toBe("internal_error");
    expect(stored.error).not.toContain("socket hang up");
  });
});

describe("small items (17)", () => {
  it("/api/health does not name the database engine", async () => {
    const res = await api<Record<string, unknown>>("/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
    expect(res.text).not.toMatch(/sqlite|postgres/i);
  });

  it("a refund after the monthly top-up cannot push the balance above the allowance", async () => {
    const org = await createTestOrg("pro");
    const now = new Date();
    const lastMonth = creditPeriod(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15)));
    await db().organization.update({ where: { id: org.id }, data: { creditsPeriod: lastMonth, creditBalance: 10 } });
    const chargedAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 28));
    await expect(
      withCredit(
        org.id,
        "pro",
        async () => {
          // Meanwhile the month turns and another request tops the balance up to the allowance.
          await db().organization.update({ where: { id: org.id }, data: { creditsPeriod: creditPeriod(now), creditBalance: PLAN_CREDITS.pro } });
          throw new Error("the paid request failed");
        },
        chargedAt,
      ),
    ).rejects.toThrow("the paid request failed");
    expect((await db().organization.findUniqueOrThrow({ where: { id: org.id } })).creditBalance).toBe(PLAN_CREDITS.pro);
  });
});

describe("interrupted work expires (item 13)", () => {
  it("running imports without a recent heartbeat end failed; live ones are left alone; stale claims are released", async () => {
    const org = await createTestOrg("pro");
    const provider = await createTestProvider(org.id, "sweeper");
    const now = new Date();
    const hourAgo = new Date(now.getTime() - 3600_000);
    const base = { orgId: org.id, providerId: provider.id, format: "focus", fileHash: "" };
    const dead = await db().importRun.create({ data: { ...base, fileName: "dead.csv", startedAt: hourAgo, heartbeatAt: hourAgo } });
    const neverBeat = await db().importRun.create({ data: { ...base, fileName: "old.csv", startedAt: hourAgo } });
    const alive = await db().importRun.create({ data: { ...base, fileName: "alive.csv", startedAt: hourAgo, heartbeatAt: new Date(now.getTime() - 5_000) } });
    await db().idempotencyRecord.create({ data: { orgId: org.id, key: "stale-claim", route: "x", requestHash: "h", status: 0, body: "", createdAt: hourAgo } });
    await db().idempotencyRecord.create({ data: { orgId: org.id, key: "done", route: "x", requestHash: "h", status: 200, body: "{}", createdAt: hourAgo } });

    const result = await sweepStaleWork(now);
    expect(result.importsExpired).toBeGreaterThanOrEqual(2);
    const runs = await db().importRun.findMany({ where: { id: { in: [dead.id, neverBeat.id, alive.id] } } });
    const status = Object.fromEntries(runs.map((r) => [r.fileName, r.status]));
    expect(status).toEqual({ "dead.csv": "failed", "old.csv": "failed", "alive.csv": "running" });
    expect(readImportSummary(runs.find((r) => r.fileName === "dead.csv")!)).toMatchObject({ error_code: "expired" });
    const keys = (await db().idempotencyRecord.findMany({ where: { orgId: org.id } })).map((r) => r.key);
    expect(keys).toEqual(["done"]);
  });

  it("a request retried with the key of a request that died long ago runs instead of answering 409", async () => {
    const org = await createTestOrg("pro");
    const provider = await createTestProvider(org.id, "stale-key");
    const route = `POST /api/v1/providers/${provider.id}/costs`;
    const body = [{ date: "2024-05-01", service: "EC2", amount: 2 }];
    // Same route and body hash as the retry below; claimed an hour ago and never finished.
    const { createHash } = await import("node:crypto");
    const hash = createHash("sha256").update(route).update("\n").update(JSON.stringify(body)).digest("hex");
    await db().idempotencyRecord.create({ data: { orgId: org.id, key: "died", route, requestHash: hash, status: 0, body: "", createdAt: new Date(Date.now() - 3600_000) } });
    const res = await api(`/api/v1/providers/${provider.id}/costs`, { method: "POST", key: org.key, body, headers: { "idempotency-key": "died" } });
    expect(res.status).toBe(200);
  });
});

describe("/api/v1 writes are rate-limited per organization (item 14)", () => {
  it("answers 429 rate_limited in the cloud error shape, with Retry-After, once the organization's window is used up", async () => {
    await awayFromWindowEdge(writeRateLimitConfig.windowSeconds);
    const org = await createTestOrg("pro");
    const other = await createTestOrg("pro");
    const p = (await createTestProvider(org.id, "limited")).id;
    const q = (await createTestProvider(other.id, "not-limited")).id;
    const windowMs = writeRateLimitConfig.windowSeconds * 1000;
    const windowStart = new Date(Date.now() - (Date.now() % windowMs));
    // The organization already spent its window (with any number of keys).
    await db().rateLimitWindow.create({ data: { bucket: orgWriteBucket(org.id), windowStart, count: writeRateLimitConfig.limit } });
    const body = [{ date: "2024-06-01", service: "EC2", amount: 1 }];
    const limited = await api<ErrorBody>(`/api/v1/providers/${p}/costs`, { method: "POST", key: org.key, body });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const imports = await upload(org, p, [FOCUS_HEADER, focusRow("2024-06-01", 1)].join("\n"));
    expect(imports.status).toBe(429);
    const fine = await api(`/api/v1/providers/${q}/costs`, { method: "POST", key: other.key, body });
    expect(fine.status).toBe(200);
  });
});

describe("the streaming routes, kept out of the proxy, still refuse cross-site cookie writes", () => {
  it("403 for a session POST with a foreign Origin; API keys unaffected", async () => {
    const org = await createTestOrg("pro");
    const p = (await createTestProvider(org.id, "origin")).id;
    const email = `stream-origin-${randomUUID().slice(0, 8)}@hardening.test`;
    const user = await db().user.create({ data: { email, passwordHash: await hashPassword("stream-origin-pw-1") } });
    await db().membership.create({ data: { orgId: org.id, userId: user.id, role: "admin" } });
    const cookie = await signInCookie(email, "stream-origin-pw-1", "192.0.2.91");
    const body = JSON.stringify([{ date: "2024-08-01", service: "EC2", amount: 1 }]);
    const cross = await fetch(`${BASE_URL}/api/v1/providers/${p}/costs`, { method: "POST", headers: { cookie, origin: "https://evil.example", "content-type": "application/json" }, body });
    expect(cross.status).toBe(403);
    expect(((await cross.json()) as ErrorBody).error.code).toBe("forbidden");
    const imports = await fetchFresh(`${BASE_URL}/api/v1/providers/${p}/imports?detect=false`, { method: "POST", headers: { cookie, "sec-fetch-site": "cross-site", "content-type": "text/csv" }, body: `${FOCUS_HEADER}\n${focusRow("2024-08-01", 1)}` });
    expect(imports.status).toBe(403);
    const same = await fetch(`${BASE_URL}/api/v1/providers/${p}/costs`, { method: "POST", headers: { cookie, origin: BASE_URL, "content-type": "application/json" }, body });
    expect(same.status).toBe(200);
    const keyed = await fetch(`${BASE_URL}/api/v1/providers/${p}/costs`, { method: "POST", headers: { authorization: `Bearer ${org.key}`, origin: "https://evil.example", "content-type": "application/json" }, body });
    expect(keyed.status).toBe(200);
  });
});
