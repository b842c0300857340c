// The collector writes events with one raw INSERT (lib/web/collect.ts insertEvents) instead of
// Prisma's createMany. On a real SQLite file, rows written both ways must read back the same
// through Prisma and be stored as the same text (instants in Prisma's format), or rollups,
// segments and the detection job would see different data.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateSqlite } from "@/lib/db/migrate";
import { db, disconnectDb } from "@/lib/db/client";
import { insertEvents, insertEventsStatement, type EventRow } from "@/lib/web/collect";
import { figuresForHour } from "@/lib/web/rollup";

const ROOT = path.resolve(__dirname, "../../..");
const dir = mkdtempSync(path.join(tmpdir(), "bw-collect-insert-"));
const file = path.join(dir, "events.db");
const previousUrl = process.env.DATABASE_URL;
let websiteId = "";

beforeAll(async () => {
  migrateSqlite(file, path.join(ROOT, "prisma/migrations"));
  process.env.DATABASE_URL = `file:${file}`;
  const org = await db().organization.create({ data: { slug: "insert-test", name: "Insert test" } });
  websiteId = (await db().website.create({ data: { orgId: org.id, domain: "insert.example", name: "Insert" } })).id;
});

afterAll(async () => {
  await disconnectDb();
  process.env.DATABASE_URL = previousUrl;
  rmSync(dir, { recursive: true, force: true });
});

const TS = new Date("2026-11-30T10:17:05.123Z");
const HOUR = new Date("2026-11-30T10:00:00.000Z");

function row(overrides: Partial<EventRow>): EventRow {
  return {
    websiteId,
    ts: TS,
    hour: HOUR,
    type: "pageview",
    name: null,
    path: "/pricing",
    referrer: null,
    visitorHash: "0123456789abcdef0123456789abcdef",
    loadTimeMs: null,
    props: null,
    browser: "Chrome",
    device: "desktop",
    ...overrides,
  };
}

/** One of each kind of event, with the odd values a body may carry (built once the site exists). */
const sampleRows = (): EventRow[] => [
  row({}),
  row({ type: "event", name: "Signup", props: '{"plan":"pro","n":3}', referrer: "https://news.example/a?b=c", browser: null, device: "mobile" }),
  row({ type: "timing", loadTimeMs: 1234.5, path: null }),
  row({ type: "timing", loadTimeMs: 1200, ts: new Date("2026-11-30T10:59:59.999Z") }),
  row({ type: "error", name: "TypeError: x is 'undefined' \"quoted\" \\ back", path: "/ünïcødé/😀/e\u0301/\u202e" }),
  row({ path: "/nul\u0000inside", referrer: "" }),
];

/** Everything Prisma reads back, without the database's id. */
async function readBack(where: { type?: string } = {}) {
  const rows = await db().webEvent.findMany({ where: { websiteId, ...where }, orderBy: { id: "asc" } });
  return rows.map(({ id: _id, receivedAt, ...rest }) => ({ ...rest, receivedAt: receivedAt.getTime() }));
}

/** The stored text and storage classes, as SQLite holds them. */
function storedCells(): Array<Record<string, unknown>> {
  const raw = new Database(file, { readonly: true });
  try {
    return raw
      .prepare(`SELECT ts, hour, receivedAt, typeof(loadTimeMs) AS loadType, loadTimeMs, hex(path) AS path, typeof(name) AS nameType FROM "WebEvent" ORDER BY id`)
      .all() as Array<Record<string, unknown>>;
  } finally {
    raw.close();
  }
}

describe("insertEvents (one raw INSERT of a group)", () => {
  it("stores rows exactly as Prisma's createMany does, on the driver and through Prisma's raw JSON statement", async () => {
    const receivedAt = new Date("2026-11-30T10:20:00.000Z");
    const rows = sampleRows();
    await db().webEvent.createMany({ data: rows.map((r) => ({ ...r, receivedAt })) });
    const viaPrisma = await readBack();
    const prismaCells = storedCells();
    expect(prismaCells[0].ts).toBe("2026-11-30T10:17:05.123+00:00");

    await db().webEvent.deleteMany({ where: { websiteId } });
    await insertEvents(rows, receivedAt);
    expect(await readBack()).toEqual(viaPrisma);
    expect(storedCells()).toEqual(prismaCells);

    await db().webEvent.deleteMany({ where: { websiteId } });
    const { sql, json } = insertEventsStatement(rows, receivedAt, false);
    expect(await db().$executeRawUnsafe(sql, json)).toBe(rows.length);
    expect(await readBack()).toEqual(viaPrisma);
    expect(storedCells()).toEqual(prismaCells);
  });

  it("writes a lone UTF-16 surrogate (legal in JSON escapes) as U+FFFD instead of failing the group", async () => {
    await db().webEvent.deleteMany({ where: { websiteId } });
    await insertEvents([row({ type: "error", path: "/a\ud800b", name: "x\udfff", referrer: "\ud83d\ude00 kept" })]);
    const [stored] = await readBack();
    expect([stored.path, stored.name, stored.referrer]).toEqual(["/a\ufffdb", "x\ufffd", "\ud83d\ude00 kept"]);
  });

  it("writes more rows than one prepared statement holds (full chunks and a remainder)", async () => {
    await db().webEvent.deleteMany({ where: { websiteId } });
    const many = Array.from({ length: 1037 }, (_, i) => row({ path: `/p${i}` }));
    await insertEvents(many);
    const paths = (await readBack()).map((r) => r.path);
    expect(paths).toHaveLength(1037);
    expect(new Set(paths).size).toBe(1037);
  });

  it("a row for a site that does not exist fails the whole group (nothing half-written)", async () => {
    await db().webEvent.deleteMany({ where: { websiteId } });
    const rows = [...Array.from({ length: 150 }, () => row({})), row({ websiteId: "no-such-site" })];
    await expect(insertEvents(rows)).rejects.toThrow(/FOREIGN KEY/);
    expect(await readBack()).toEqual([]);
  });
});

describe("insertEventsStatement", () => {
  it("sends every row as one JSON parameter, whatever the number of rows", () => {
    const rows = sampleRows();
    for (const pg of [false, true]) {
      const one = insertEventsStatement(rows.slice(0, 1), TS, pg);
      const all = insertEventsStatement(rows, TS, pg);
      expect(all.sql).toBe(one.sql);
      expect(JSON.parse(all.json)).toHaveLength(rows.length);
    }
  });

  it("PostgreSQL reads instants as timestamp(3) and the load time as a double", () => {
    const { sql } = insertEventsStatement(sampleRows(), TS, true);
    expect(sql).toContain("jsonb_array_elements($1::jsonb)");
    expect(sql.match(/::timestamp\(3\)/g)).toHaveLength(3);
    expect(sql).toContain("(e ->> 8)::double precision");
  });
});

describe("figuresForHour (one grouped read of the hour)", () => {
  it("counts visitors, bounces, conversions, errors and the load-time average from the stored events", async () => {
    await db().webEvent.deleteMany({ where: { websiteId } });
    const a = "a".repeat(32);
    const b = "b".repeat(32);
    const c = "c".repeat(32);
    await insertEvents([
      // a: two pageviews and a goal (converted, not bounced); b: one pageview (bounced) and an error;
      // c: timings only (a visitor without pageviews). One timing has no load time: not a sample.
      row({ visitorHash: a }),
      row({ visitorHash: a, path: "/two" }),
      row({ visitorHash: a, type: "event", name: "Signup" }),
      row({ visitorHash: b }),
      row({ visitorHash: b, type: "error", name: "boom" }),
      row({ visitorHash: c, type: "timing", loadTimeMs: 1000 }),
      row({ visitorHash: c, type: "timing", loadTimeMs: 2500.5 }),
      row({ visitorHash: b, type: "timing", loadTimeMs: 300 }),
      row({ visitorHash: c, type: "timing", loadTimeMs: null }),
      // Another hour: not counted.
      row({ visitorHash: c, hour: new Date(HOUR.getTime() + 3_600_000), ts: new Date(HOUR.getTime() + 3_700_000) }),
    ]);
    expect(await figuresForHour(websiteId, HOUR)).toEqual({
      visitors: 3,
      pageviews: 3,
      bouncedVisitors: 1,
      pageviewVisitors: 2,
      convertedVisitors: 1,
      errors: 1,
      loadTimeMsAvg: (1000 + 2500.5 + 300) / 3,
      loadTimeSamples: 3,
    });
  });

  it("an hour without timings has no load-time average", async () => {
    await db().webEvent.deleteMany({ where: { websiteId } });
    await insertEvents([row({})]);
    expect(await figuresForHour(websiteId, HOUR)).toMatchObject({ visitors: 1, pageviews: 1, loadTimeMsAvg: null, loadTimeSamples: 0 });
  });
});
