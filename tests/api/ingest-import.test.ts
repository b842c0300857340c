// Cost export uploads over real HTTP (POST /api/v1/providers/{id}/imports) on the
// fixtures in fixtures/: every edge case, idempotency, corrections, and the CLI.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { api, createTestOrg, createTestProvider, type TestOrg } from "../support/fixtures";
import { db } from "@/lib/db/client";
import { writeFocusFile } from "@/tests/support/generators/cost-file";

const ROOT = path.resolve(__dirname, "../..");
const fixture = (...p: string[]) => readFileSync(path.join(ROOT, "fixtures", ...p));

type Summary = {
  status: string;
  rows_read: number;
  rows_imported: number;
  rows_rejected: number;
  rejected: Array<{ line: number; reason: string }>;
  days: string[];
  corrected_days: string[];
  services: string[];
  currency: string;
  totals: { usage: number; other: number };
};
type ErrorBody = { error: { code: string; message: string; details?: Array<{ field?: string; message: string }> } };

async function upload(org: TestOrg, providerId: number, body: Buffer | string, opts: { type?: string; query?: string } = {}) {
  const res = await fetch(`${process.env.APP_URL ?? "http://127.0.0.1:3000"}/api/v1/providers/${providerId}/imports?detect=false${opts.query ?? ""}`, {
    method: "POST",
    headers: { authorization: `Bearer ${org.key}`, "content-type": opts.type ?? "text/csv" },
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as { data: Summary } & ErrorBody };
}

async function daily(providerId: number) {
  const rows = await db().costDaily.findMany({ where: { providerId }, orderBy: [{ day: "asc" }, { service: "asc" }] });
  return Object.fromEntries(rows.map((r) => [`${r.day} ${r.service}`, { amount: Math.round(r.amount * 100) / 100, other: Math.round(r.otherAmount * 100) / 100 }]));
}

describe("FOCUS upload", () => {
  let org: TestOrg;
  let providerId: number;

  beforeAll(async () => {
    org = await createTestOrg("pro");
    providerId = (await createTestProvider(org.id, "FOCUS")).id;
  });

  it("rolls usage into amount and purchases, taxes and credits into otherAmount", async () => {
    const res = await upload(org, providerId, fixture("focus", "basic.csv"));
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ status: "succeeded", rows_read: 8, rows_imported: 8, rows_rejected: 0, days: ["2025-03-01", "2025-03-02"] });
    expect(await daily(providerId)).toEqual({
      "2025-03-01 Amazon EC2": { amount: 100, other: 0 },
      "2025-03-01 Amazon S3": { amount: 20, other: 0 },
      "2025-03-02 Amazon EC2": { amount: 95.5, other: 1150 },
      "2025-03-02 Amazon S3": { amount: 21, other: 0 },
      "2025-03-02 Unspecified": { amount: 0, other: 12.65 },
    });
  });

  it("changes nothing when the same file is uploaded again, also gzipped", async () => {
    const before = await daily(providerId);
    const entries = await db().costEntry.count({ where: { providerId } });
    const again = await upload(org, providerId, fixture("focus", "basic.csv"));
    expect(again.status).toBe(200);
    expect(again.body.data.status).toBe("unchanged");
    const gz = await upload(org, providerId, fixture("focus", "basic.csv.gz"), { type: "application/gzip" });
    expect(gz.status).toBe(200);
    expect(gz.body.data.status).toBe("unchanged");
    expect(await daily(providerId)).toEqual(before);
    expect(await db().costEntry.count({ where: { providerId } })).toBe(entries);
  });

  it("re-imports a forced copy without doubling", async () => {
    const before = await daily(providerId);
    const forced = await upload(org, providerId, fixture("focus", "basic.csv.gz"), { type: "application/gzip", query: "&force=true" });
    expect(forced.status).toBe(201);
    expect(await daily(providerId)).toEqual(before);
  });

  it("adds correction rows as deltas to the days they correct, and re-applying them is idempotent", async () => {
    const res = await upload(org, providerId, fixture("focus", "correction.csv"));
    expect(res.status).toBe(201);
    expect(res.body.data.corrected_days).toEqual(["2025-03-01", "2025-03-02"]);
    const after = await daily(providerId);
    expect(after["2025-03-01 Amazon EC2"].amount).toBe(115.5);
    expect(after["2025-03-02 Amazon S3"].amount).toBe(20);
    await upload(org, providerId, fixture("focus", "correction.csv"), { query: "&force=true" });
    expect(await daily(providerId)).toEqual(after);
    // The original rows of the corrected day are still there: a correction does not replace the day.
    expect(after["2025-03-01 Amazon S3"].amount).toBe(20);
  });

  it("replaces a day when a corrected re-export of the period arrives", async () => {
    const restated = fixture("focus", "basic.csv").toString().replace(",20.00,20.00,USD,Amazon S3", ",25.00,25.00,USD,Amazon S3");
    const res = await upload(org, providerId, restated);
    expect(res.status).toBe(201);
    const after = await daily(providerId);
    expect(after["2025-03-01 Amazon S3"].amount).toBe(25);
    expect(after["2025-03-01 Amazon EC2"].amount).toBe(115.5); // 100 from the export + the 15.5 correction
  });

  it("reads a BOM, CRLF, quoted commas and newlines, and converts offsets to the UTC day", async () => {
    const p = (await createTestProvider(org.id, "quoted")).id;
    const res = await upload(org, p, fixture("focus", "bom-quoted-crlf.csv"));
    expect(res.status).toBe(201);
    expect(res.body.data.rows_rejected).toBe(0);
    expect(await daily(p)).toEqual({
      "2025-02-28 BigQuery": { amount: 3, other: 0 },
      "2025-03-01 Cloud\nStorage": { amount: 7, other: 0 },
      "2025-03-01 Compute, Engine": { amount: 5, other: 0 },
    });
    const entry = await db().costEntry.findFirst({ where: { providerId: p, service: "Compute, Engine" } });
    expect(entry).toMatchObject({ subAccount: 'acct-"main"', usageType: "sku,1" });
  });

  it("stores backslashes, braces, the word NULL and non-ASCII text exactly as the file has them", async () => {
    const p = (await createTestProvider(org.id, "odd text")).id;
    const header = "ChargePeriodStart,EffectiveCost,BillingCurrency,ServiceName,SubAccountId,RegionId,SkuId,ChargeCategory";
    const csv = [header, '2025-03-01T00:00:00Z,1.25,USD,C:\\svc\\,{acct},NULL,"sku ""\\"" {x}",Usage', "2025-03-01T00:00:00Z,2,USD,Zürich – 東京,,, ,Usage"].join("\n");
    const res = await upload(org, p, csv);
    expect(res.status).toBe(201);
    expect(res.body.data.rows_rejected).toBe(0);
    const entries = await db().costEntry.findMany({ where: { providerId: p }, orderBy: { amount: "asc" } });
    expect(entries.map((e) => [e.service, e.subAccount, e.region, e.usageType, e.amount])).toEqual([
      ["C:\\svc\\", "{acct}", "NULL", 'sku "\\" {x}', 1.25],
      ["Zürich – 東京", "", "", "", 2],
    ]);
  });

  it("writes an import of many batches of days completely, each day's total exact", async () => {
    const p = (await createTestProvider(org.id, "batches")).id;
    const dir = mkdtempSync(path.join(os.tmpdir(), "bandwatch-batches-"));
    try {
      const file = path.join(dir, "focus.csv");
      // 2,400 entries a day: 7 days are 4 transactions of at most 5,000 entries.
      const generated = await writeFocusFile(file, 7 * 2400, { firstDay: "2025-02-01", days: 7 });
      const res = await upload(org, p, readFileSync(file));
      expect(res.status).toBe(201);
      expect(res.body.data.days).toEqual(generated.days);
      expect(await db().costEntry.count({ where: { providerId: p } })).toBe(7 * 2400);
      const byDay = await db().costDaily.groupBy({ by: ["day"], where: { providerId: p }, _sum: { amount: true } });
      const expected = [...generated.usageByDay].map(([day, amount]) => [day, Math.round(amount * 100)]);
      expect(byDay.map((r) => [r.day, Math.round((r._sum.amount ?? 0) * 100)]).sort()).toEqual(expected.sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("lists rejected rows with line numbers and reasons and imports the rest", async () => {
    const p = (await createTestProvider(org.id, "bad rows")).id;
    const res = await upload(org, p, fixture("focus", "bad-rows.csv"));
    expect(res.status).toBe(201);
    expect(res.body.data.rows_read).toBe(7);
    expect(res.body.data.rows_imported).toBe(1);
    expect(res.body.data.rejected.map((r) => r.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(res.body.data.rejected[3].reason).toMatch(/currency EUR differs/);
    expect(await daily(p)).toEqual({ "2025-03-01 Amazon EC2": { amount: 10, other: 0 } });
  });

  it("adopts the currency of the first export of an empty provider", async () => {
    const p = (await createTestProvider(org.id, "euro")).id;
    const res = await upload(org, p, fixture("focus", "eur.csv"));
    expect(res.status).toBe(201);
    expect(res.body.data.currency).toBe("EUR");
    expect(res.body.data.rows_rejected).toBe(0);
    expect((await db().provider.findUnique({ where: { id: p } }))?.currency).toBe("EUR");
    expect((await db().costDaily.findFirst({ where: { providerId: p } }))?.currency).toBe("EUR");
  });

  it("rejects a file with missing columns, naming them, and writes nothing", async () => {
    const p = (await createTestProvider(org.id, "missing")).id;
    const res = await upload(org, p, fixture("focus", "missing-columns.csv"));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_body");
    expect(res.body.error.message).toMatch(/missing_columns.*EffectiveCost, ChargeCategory/);
    expect(await db().costEntry.count({ where: { providerId: p } })).toBe(0);
    const run = await db().importRun.findFirst({ where: { providerId: p } });
    expect(run?.status).toBe("failed");
  });

  it("rejects an empty body; accepts a header-only file with zero rows", async () => {
    const p = (await createTestProvider(org.id, "empty")).id;
    const empty = await upload(org, p, "");
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/empty/);
    const header = await upload(org, p, fixture("focus", "header-only.csv"));
    expect(header.status).toBe(201);
    expect(header.body.data.rows_read).toBe(0);
  });

  it("accepts multipart uploads and rejects other media types", async () => {
    const p = (await createTestProvider(org.id, "multipart")).id;
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(fixture("aws-cur", "basic.csv"))], { type: "text/csv" }), "cur.csv");
    form.append("format", "aws-cur");
    const res = await fetch(`${process.env.APP_URL ?? "http://127.0.0.1:3000"}/api/v1/providers/${p}/imports?detect=false`, { method: "POST", headers: { authorization: `Bearer ${org.key}` }, body: form });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { data: Summary };
    expect(body.data.services).toEqual(["AmazonEC2", "AmazonS3"]);
    expect(await daily(p)).toEqual({
      "2025-03-01 AmazonEC2": { amount: 6, other: 3.1 },
      "2025-03-01 AmazonS3": { amount: 4.25, other: 0 },
      "2025-03-02 AmazonEC2": { amount: 2.75, other: 28 },
    });
    const xml = await upload(org, p, "<x/>", { type: "application/xml" });
    expect(xml.status).toBe(415);
  });

  it("keeps providers of other organizations out of reach", async () => {
    const other = await createTestOrg("pro");
    const res = await upload(other, providerId, fixture("focus", "basic.csv"));
    expect(res.status).toBe(404);
    const list = await api(`/api/v1/providers/${providerId}/imports`, { key: other.key });
    expect(list.status).toBe(404);
  });
});

describe("bandwatch import (CLI)", () => {
  it("imports, prints a summary, and reports missing columns with a non-zero exit", async () => {
    const org = await createTestOrg("pro");
    const p = (await createTestProvider(org.id, "cli")).id;
    const env = { ...process.env, CHECKPOINT_DISABLE: "1" };
    const ok = spawnSync(process.execPath, ["bin/bandwatch.mjs", "import", "aws-cur", "fixtures/aws-cur/basic.csv", "--provider", String(p), "--no-detect", "--json"], { cwd: ROOT, env, encoding: "utf8" });
    expect(ok.status, ok.stderr).toBe(0);
    const summary = JSON.parse(ok.stdout) as { rowsRead: number; days: string[]; status: string };
    expect(summary).toMatchObject({ rowsRead: 8, status: "succeeded", days: ["2025-03-01", "2025-03-02"] });
    const bad = spawnSync(process.execPath, ["bin/bandwatch.mjs", "import", "focus", "fixtures/focus/missing-columns.csv", "--provider", String(p)], { cwd: ROOT, env, encoding: "utf8" });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/missing required columns: EffectiveCost, ChargeCategory/);
  });
});
