// The SQLite migrations, applied in order to an empty database, must give exactly the tables,
// columns and indexes the schema describes. Migrations written on parallel branches can rebuild a
// table from a stale snapshot and silently drop another migration's columns; this catches that.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { migrateSqlite } from "@/lib/db/migrate";

const ROOT = path.resolve(__dirname, "../../..");
const dir = mkdtempSync(path.join(tmpdir(), "bw-migrations-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every user table with its columns (name, type, not null, default) and every index, in a stable order. */
function describeSqlite(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const objects = db
      .prepare("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name")
      .all() as Array<{ type: string; name: string }>;
    return objects.map((o) => {
      if (o.type !== "table") return `${o.type} ${o.name}`;
      const columns = db.prepare(`PRAGMA table_info("${o.name}")`).all() as Array<{ name: string; type: string; notnull: number; dflt_value: string | null }>;
      return `${o.name}(${columns.map((c) => `${c.name}:${c.type}:${c.notnull}:${c.dflt_value}`).sort().join(",")})`;
    });
  } finally {
    db.close();
  }
}

describe("SQLite migrations", () => {
  it("build the database the schema describes", () => {
    const migrated = path.join(dir, "migrated.db");
    migrateSqlite(migrated, path.join(ROOT, "prisma/migrations"));

    const fromSchema = path.join(dir, "from-schema.db");
    const sql = execFileSync(path.join(ROOT, "node_modules/.bin/prisma"), ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
      cwd: ROOT,
      env: { ...process.env, CHECKPOINT_DISABLE: "1", DATABASE_URL: `file:${path.join(dir, "scratch.db")}` },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    const db = new Database(fromSchema);
    // Prisma 6.19 writes Json defaults unquoted, as scripts/make-migration.mjs also corrects.
    db.exec(sql.replace(/DEFAULT (\{\}|\[\])/g, "DEFAULT '$1'"));
    db.close();

    expect(describeSqlite(migrated)).toEqual(describeSqlite(fromSchema));
    // Triggers are not in the schema language: the incremental job's change tracking (lib/cloud/resume.ts).
    const check = new Database(migrated, { readonly: true });
    const triggers = check.prepare("SELECT name, tbl_name AS tableName FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
    check.close();
    expect(triggers).toEqual(
      ["CostDaily", "MetricDaily"].flatMap((table) => ["delete", "insert", "update"].map((event) => ({ name: `DetectionChange_${table}_${event}`, tableName: table }))),
    );
  }, 60_000);
});
