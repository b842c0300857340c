// Issue 11 item 3: stored enums and Json columns. The vocabulary matches the Prisma enums, the
// readers accept what the app writes (in either database's key order) and reject anything
// else, and the typed-storage migration keeps the rows of a database from the previous release.
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import * as sqliteEnums from "@/generated/sqlite/enums";
import * as pgEnums from "@/generated/pg/enums";
import { PrismaClient } from "@/generated/sqlite/client";
import { migrateSqlite } from "@/lib/db/migrate";
import * as vocabulary from "@/lib/vocabulary";
import { readTopServices, storedTopServicesEqual } from "@/lib/anomalies/top-services";
import { readAlertPayload } from "@/lib/alerts/payload";
import { readImportSummary } from "@/lib/ingest/stored-summary";

const MIGRATIONS = path.resolve(__dirname, "../../../prisma/migrations");
const TYPED_STORAGE = readdirSync(MIGRATIONS).find((n) => n.endsWith("_typed_storage"));
/** Typed storage and the migrations after it: the previous release has none of them (a later one may rebuild a table typed storage rebuilt). */
const FROM_TYPED_STORAGE = readdirSync(MIGRATIONS).filter((n) => /^\d+_/.test(n) && TYPED_STORAGE !== undefined && n >= TYPED_STORAGE).sort();
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("vocabulary", () => {
  const pairs: Array<[keyof typeof sqliteEnums, readonly string[]]> = [
    ["Plan", vocabulary.PLANS],
    ["ApiKeyScope", vocabulary.API_KEY_SCOPES],
    ["ProviderKind", vocabulary.PROVIDER_KINDS],
    ["AnomalyType", vocabulary.ANOMALY_TYPES],
    ["Severity", vocabulary.SEVERITIES],
    ["Direction", vocabulary.DIRECTIONS],
    ["AnomalyStatus", vocabulary.ANOMALY_STATUSES],
    ["AnomalyAction", vocabulary.ANOMALY_ACTIONS],
    ["SegmentDimension", vocabulary.SEGMENT_DIMENSIONS],
    ["AnomalyFeedback", vocabulary.ANOMALY_FEEDBACKS],
    ["MonitorKind", vocabulary.MONITOR_KINDS],
    ["DetectionStatus", vocabulary.DETECTION_STATUSES],
    ["ImportStatus", vocabulary.IMPORT_STATUSES],
    ["DestinationKind", vocabulary.DESTINATION_KINDS],
    ["AlertMode", vocabulary.ALERT_MODES],
    ["DeliveryEvent", vocabulary.DELIVERY_EVENTS],
    ["DeliveryStatus", vocabulary.DELIVERY_STATUSES],
    ["ThresholdMode", vocabulary.THRESHOLD_MODES],
    ["AlertFrequency", vocabulary.ALERT_FREQUENCIES],
  ];
  it.each(pairs)("%s lists the same values as the Prisma enum of both databases", (name, values) => {
    expect(Object.values(sqliteEnums[name])).toEqual([...values]);
    expect(Object.values(pgEnums[name])).toEqual([...values]);
  });
  it("ranks severities mildest first", () => {
    expect(vocabulary.SEVERITIES.map((s) => vocabulary.SEVERITY_RANK[s])).toEqual([0, 1, 2]);
  });
});

describe("Json column readers", () => {
  const top = [{ service: "EC2", amount: 8, vs_expected: 3 }];
  it("read what the app writes and put keys back in order after jsonb reordered them", () => {
    const fromJsonb = [{ amount: 8, service: "EC2", vs_expected: 3 }];
    expect(JSON.stringify(readTopServices({ topServices: fromJsonb }))).toBe(JSON.stringify(top));
    expect(storedTopServicesEqual(fromJsonb, top)).toBe(true);
    expect(storedTopServicesEqual(fromJsonb, [{ ...top[0], amount: 9 }])).toBe(false);
    const payload = readAlertPayload({ payload: { organization: "acme", event: "test", message: "hi" } });
    expect(JSON.stringify(payload)).toBe('{"event":"test","organization":"acme","message":"hi"}');
    expect(readImportSummary({ summary: { error_code: "expired", error: "x", rowsRead: 3 } })).toMatchObject({ error_code: "expired", rowsRead: 3 });
  });
  it("throw a typed error for a value the app did not write", () => {
    expect(() => readTopServices({ topServices: JSON.stringify(top) })).toThrow(vocabulary.StoredValueError);
    expect(storedTopServicesEqual("[]", [])).toBe(false);
    expect(() => readAlertPayload({ payload: {} })).toThrow(/AlertDelivery.payload/);
    expect(() => readImportSummary({ summary: "oops" })).toThrow(vocabulary.StoredValueError);
  });
});

/** A database migrated up to the release before typed storage, with a row in every converted table. */
function previousReleaseDatabase(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "bw-typed-"));
  dirs.push(dir);
  const previous = path.join(dir, "migrations");
  cpSync(MIGRATIONS, previous, { recursive: true, filter: (src) => !FROM_TYPED_STORAGE.some((name) => src.includes(name)) });
  const file = path.join(dir, "bandwatch.db");
  migrateSqlite(file, previous);
  const db = new Database(file);
  db.exec(`
    INSERT INTO "Organization" (id, slug, name, plan) VALUES ('o1', 'acme', 'Acme', 'business');
    INSERT INTO "Provider" ("orgId", kind, name) VALUES ('o1', 'gcp', 'GCP');
    INSERT INTO "Anomaly" ("publicId", "orgId", type, "providerId", metric, "seriesKey", day, "periodStart", "periodEnd", "peakAt", actual, expected, "expectedLower", "expectedUpper", "deviationPercent", severity, direction, "topServices", status, "detectedAt", "updatedAt")
      VALUES ('p1', 'o1', 'cost', 1, 'cost', 'cost:1', '2026-01-01', 0, 0, 0, 10, 5, 4, 6, 100, 'critical', 'down', '[{"service":"EC2","amount":8,"vs_expected":3}]', 'dismissed', 0, 0);
    INSERT INTO "ImportRun" (id, "orgId", "providerId", format, "fileName", "fileHash", status, summary) VALUES ('r1', 'o1', 1, 'aws-cur', 'f.csv', 'h', 'failed', '{"error_code":"expired","error":"x"}');
    INSERT INTO "AlertDestination" (id, "orgId", name, kind, "minSeverity", mode) VALUES ('d1', 'o1', 'hook', 'slack', 'warning', 'digest');
    INSERT INTO "AlertDelivery" (id, "destinationId", "anomalyId", event, status, payload) VALUES ('x1', 'd1', 1, 'test', 'delivered', '{"event":"test","organization":"acme"}');
    INSERT INTO "DetectionRun" (id, status) VALUES ('run1', 'skipped');`);
  db.close();
  return file;
}

describe("typed-storage migration (SQLite)", () => {
  it("keeps every existing row, readable through the typed client", async () => {
    expect(TYPED_STORAGE).toBeDefined();
    const file = previousReleaseDatabase();
    expect(migrateSqlite(file, MIGRATIONS).applied).toEqual(FROM_TYPED_STORAGE);
    const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file }) });
    try {
      expect(await client.organization.findFirstOrThrow({ select: { plan: true } })).toEqual({ plan: "business" });
      expect(await client.provider.findFirstOrThrow({ select: { kind: true } })).toEqual({ kind: "gcp" });
      // Only the columns of that release: later migrations (not applied here) add others.
      const anomaly = await client.anomaly.findFirstOrThrow({ select: { type: true, severity: true, direction: true, status: true, topServices: true } });
      expect(anomaly).toMatchObject({ type: "cost", severity: "critical", direction: "down", status: "dismissed" });
      expect(readTopServices(anomaly)).toEqual([{ service: "EC2", amount: 8, vs_expected: 3 }]);
      const run = await client.importRun.findFirstOrThrow();
      expect(run.status).toBe("failed");
      expect(readImportSummary(run)).toEqual({ error_code: "expired", error: "x" });
      expect(await client.alertDestination.findFirstOrThrow({ select: { kind: true, minSeverity: true, mode: true } })).toEqual({ kind: "slack", minSeverity: "warning", mode: "digest" });
      const delivery = await client.alertDelivery.findFirstOrThrow();
      expect(delivery).toMatchObject({ event: "test", status: "delivered" });
      expect(readAlertPayload(delivery)).toEqual({ event: "test", organization: "acme" });
      expect(await client.detectionRun.findFirstOrThrow({ select: { status: true } })).toEqual({ status: "skipped" });
      // The quoted defaults work for rows written after the migration.
      const fresh = await client.importRun.create({ data: { orgId: "o1", providerId: 1, format: "focus", fileName: "g.csv", fileHash: "h2" } });
      expect(fresh).toMatchObject({ status: "running", summary: {} });
    } finally {
      await client.$disconnect();
    }
  });
});
