// The database change stamp that lets the hot path keep answers and keys in memory: it must
// change after a commit by any connection. SQLite: PRAGMA data_version; PostgreSQL: the
// trigger-advanced sequence plus LISTEN/NOTIFY (lib/db/pg-change-stamp.ts).
import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { changeStamp } from "@/lib/db/data-version";
import { PgChangeStamp } from "@/lib/db/pg-change-stamp";
import { databaseUrl, isPostgresUrl } from "@/lib/db/url";
import { createTestOrg } from "../support/fixtures";

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 3_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("changeStamp()", () => {
  it("is available and moves after a commit by another connection", async () => {
    const before = await eventually(changeStamp, (s) => s !== null);
    expect(before).not.toBeNull();
    expect(await changeStamp()).toBe(before);
    await createTestOrg("free");
    expect(await changeStamp()).not.toBe(before);
  });
});

describe.runIf(isPostgresUrl(databaseUrl()))("PostgreSQL change stamp", () => {
  const stamps: PgChangeStamp[] = [];
  const open = async () => {
    const stamp = new PgChangeStamp(databaseUrl());
    stamps.push(stamp);
    await eventually(() => stamp.read(), (s) => s !== null);
    return stamp;
  };
  afterAll(async () => {
    await Promise.all(stamps.map((s) => s.close()));
  });

  it("moves as soon as another connection's statement ran, and again when it commits", async () => {
    const stamp = await open();
    const writer = new pg.Client({ connectionString: databaseUrl() });
    await writer.connect();
    try {
      // Reading never moves the stamp: two reads in a row agree once nothing else writes. The
      // running app and other test files share this database, so wait for a quiet moment.
      let idle = await stamp.read();
      let quiet = false;
      for (let attempt = 0; attempt < 50 && !quiet; attempt++) {
        const again = await stamp.read();
        quiet = again === idle;
        if (!quiet) await new Promise((resolve) => setTimeout(resolve, 100));
        idle = again;
      }
      expect(quiet, "two consecutive reads of the stamp never agreed").toBe(true);
      await writer.query("BEGIN");
      await writer.query(`UPDATE "Organization" SET "name" = "name" WHERE false`);
      const during = await stamp.read();
      expect(during).not.toBe(idle);
      await writer.query("COMMIT");
      // The notification sent at commit moves it once more: whatever was computed during the
      // transaction, from data not yet committed, is not served afterwards.
      const after = await eventually(() => stamp.read(), (s) => s !== during);
      expect(after).not.toBe(during);
    } finally {
      await writer.end();
    }
  });

  it("a rolled-back statement never leaves a stamp that hides a later commit", async () => {
    const stamp = await open();
    const writer = new pg.Client({ connectionString: databaseUrl() });
    await writer.connect();
    try {
      await writer.query("BEGIN");
      await writer.query(`UPDATE "Organization" SET "name" = "name" WHERE false`);
      await writer.query("ROLLBACK");
      const settled = await stamp.read();
      await writer.query(`UPDATE "Organization" SET "name" = "name" WHERE false`);
      expect(await stamp.read()).not.toBe(settled);
    } finally {
      await writer.end();
    }
  });

  it("is null once closed (nothing is kept without a listener)", async () => {
    const stamp = await open();
    await stamp.close();
    expect(await stamp.read()).toBeNull();
  });

  it("every table the API reads carries the trigger", async () => {
    await open();
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    try {
      const { rows } = await client.query<{ relname: string }>(
        `SELECT c.relname FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
           AND c.relname <> '_prisma_migrations'
           AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'bandwatch_change_stamp')`,
      );
      expect(rows.map((r) => r.relname)).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
