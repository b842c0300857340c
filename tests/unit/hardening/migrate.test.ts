// Issue 10 item 16: SQLite migrations apply while another process has the file open
// (an idle reader, a WAL reader mid-read), and a real failure says why.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { migrateSqlite } from "@/lib/db/migrate";

const MIGRATIONS = path.resolve(__dirname, "../../../prisma/migrations");
const dirs: string[] = [];
const tempDb = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "bw-migrate-"));
  dirs.push(dir);
  return path.join(dir, "bandwatch.db");
};

afterEach(() => {
  delete process.env.BANDWATCH_MIGRATE_BUSY_MS;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("migrateSqlite", () => {
  it("applies every migration once, in Prisma's table, while a reader holds the file open", () => {
    const file = tempDb();
    const reader = new Database(file);
    reader.pragma("journal_mode = WAL");
    reader.exec("CREATE TABLE IF NOT EXISTS probe (x)");
    const read = reader.prepare("SELECT * FROM probe");
    reader.exec("BEGIN");
    read.all(); // a read transaction is open for the whole migration
    try {
      const first = migrateSqlite(file, MIGRATIONS);
      expect(first.applied.length).toBeGreaterThan(0);
      expect(migrateSqlite(file, MIGRATIONS).applied).toEqual([]);
    } finally {
      reader.exec("COMMIT");
      reader.close();
    }
    const check = new Database(file, { readonly: true });
    const names = check.prepare(`SELECT "migration_name" AS n, "checksum" AS c, "finished_at" AS f FROM "_prisma_migrations" ORDER BY 1`).all() as Array<{ n: string; c: string; f: string | null }>;
    expect(names.every((r) => r.c.length === 64 && r.f !== null)).toBe(true);
    expect(check.prepare(`SELECT name FROM sqlite_master WHERE name = 'ImportRun'`).get()).toBeTruthy();
    check.close();
  });

  it("works beside an idle reader of a file still in rollback-journal mode", () => {
    const file = tempDb();
    const reader = new Database(file);
    reader.exec("CREATE TABLE probe (x)");
    expect(String(reader.pragma("journal_mode", { simple: true }))).toBe("delete");
    try {
      expect(migrateSqlite(file, MIGRATIONS).applied.length).toBeGreaterThan(0);
    } finally {
      reader.close();
    }
  });

  it("says why when the file stays locked by a writer", () => {
    const file = tempDb();
    const writer = new Database(file);
    writer.exec("CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);");
    process.env.BANDWATCH_MIGRATE_BUSY_MS = "100";
    try {
      expect(() => migrateSqlite(file, MIGRATIONS)).toThrow(/^migration failed.*locked by another process/);
    } finally {
      writer.exec("ROLLBACK");
      writer.close();
    }
  });
});
