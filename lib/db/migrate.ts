// Applies the committed migrations.
// - SQLite: directly through better-sqlite3, with a busy timeout, into Prisma's own
//   `_prisma_migrations` table (same rows and checksums as `prisma migrate deploy`, so either
//   tool can take over). Prisma 6.19's wasm schema engine fails with an unnamed error
//   whenever another process has the file open, even an idle reader (a running import,
//   `bandwatch detect`, a second instance, a backup); the driver simply waits for the lock.
// - PostgreSQL: `prisma migrate deploy` (the offline JavaScript schema engine). The CLI may
//   linger ~10 s after finishing, so we stop it as soon as it reports success.
import { setting } from "@/lib/config";
import { spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";
import { databaseUrl, isPostgresUrl, sqliteFileFromUrl } from "./url";
import { storedInstant } from "./stored-instant";

const SUCCESS = /successfully applied|No pending migrations to apply/i;

export async function migrateDatabase(url = databaseUrl(), root = process.cwd()): Promise<void> {
  if (isPostgresUrl(url)) return migrateWithPrisma(url, root);
  const file = sqliteFileFromUrl(url);
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  migrateSqlite(file, path.join(root, "prisma", "migrations"));
}

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

// Rows of that table as this runner reads them. Timestamps are only checked for presence;
// another tool (or a hand edit) may have written them as numbers.
const appliedMigrations = z.array(
  z.object({
    name: z.string(),
    finished: z.union([z.string(), z.number()]).nullable(),
    rolledBack: z.union([z.string(), z.number()]).nullable(),
    logs: z.string().nullable(),
  }),
);

/** Prisma's timestamp format in that table. */
const stamp = () => storedInstant(new Date());

const busyTimeoutMs = () => setting("BANDWATCH_MIGRATE_BUSY_MS");

function describeSqliteError(error: unknown, file: string): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  const message = error instanceof Error ? error.message : String(error);
  if (code.startsWith("SQLITE_BUSY") || code === "SQLITE_LOCKED") {
    return `the database file ${file} stayed locked by another process for ${Math.round(busyTimeoutMs() / 1000)} s (a running import or detection, a second instance?); stop it or raise BANDWATCH_MIGRATE_BUSY_MS`;
  }
  if (code === "SQLITE_CANTOPEN") return `cannot open the database file ${file} (check the path in DATABASE_URL and its permissions)`;
  if (code === "SQLITE_READONLY") return `the database file ${file} is read-only for this user`;
  return message || code || "unknown error";
}

export function migrateSqlite(file: string, dir: string): { applied: string[] } {
  if (!existsSync(dir)) throw new Error(`migration failed: no migrations folder at ${dir}`);
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^\d{14}_[\w-]+$/.test(e.name) && existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort();
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: busyTimeoutMs() });
  } catch (error) {
    throw new Error(`migration failed: ${describeSqliteError(error, file)}`);
  }
  const applied: string[] = [];
  let current = "";
  try {
    // The app runs in WAL mode (readers never block the writer); a new file starts in it.
    try {
      db.pragma("busy_timeout = 200");
      if (String(db.pragma("journal_mode", { simple: true })).toLowerCase() !== "wal") db.pragma("journal_mode = WAL");
    } catch {
      /* needs the file to ourselves: the app switches later */
    } finally {
      db.pragma(`busy_timeout = ${busyTimeoutMs()}`);
    }
    db.exec(MIGRATIONS_TABLE);
    const rows = appliedMigrations.parse(db.prepare(`SELECT "migration_name" AS name, "finished_at" AS finished, "rolled_back_at" AS rolledBack, "logs" FROM "_prisma_migrations"`).all());
    const stuck = rows.find((r) => r.finished === null && r.rolledBack === null);
    if (stuck) throw new Error(`migration ${stuck.name} failed earlier and must be resolved first: ${stuck.logs ?? "no log"}`);
    const done = new Set(rows.filter((r) => r.finished !== null && r.rolledBack === null).map((r) => r.name));
    for (const name of names) {
      if (done.has(name)) continue;
      current = name;
      applyOne(db, name, readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
      applied.push(name);
    }
  } catch (error) {
    const where = current ? ` (while applying ${current})` : "";
    const reason = error instanceof Error && error.message.startsWith("migration ") ? error.message : describeSqliteError(error, file);
    throw new Error(`migration failed${where}: ${reason}`);
  } finally {
    db.close();
  }
  return { applied };
}

function applyOne(db: Database.Database, name: string, sql: string): void {
  const checksum = createHash("sha256").update(sql).digest("hex");
  const record = () =>
    db
      .prepare(`INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count") VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`)
      .run(randomUUID(), checksum, stamp(), name, stamp());
  // Table rebuilds toggle foreign keys, which SQLite ignores inside a transaction: such a script runs on its own.
  if (/PRAGMA\s+foreign_keys/i.test(sql)) {
    db.exec(sql);
    record();
    return;
  }
  db.transaction(() => {
    db.exec(sql);
    record();
  }).immediate();
}

function migrateWithPrisma(url: string, root: string): Promise<void> {
  const prisma = path.join(root, "node_modules", ".bin", "prisma");
  return new Promise<void>((resolve, reject) => {
    const child = spawn(prisma, ["migrate", "deploy"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let succeeded = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!succeeded && SUCCESS.test(output)) {
        succeeded = true;
        setTimeout(() => child.kill("SIGTERM"), 200).unref();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", (error) => reject(new Error(`migration failed: cannot run ${prisma}: ${error.message}`)));
    child.on("exit", (code, signal) => {
      if (succeeded || code === 0) return resolve();
      const lines = output.split("\n").map((l) => l.trim()).filter((l) => l && !/Prisma config|WARNING|driver adapter|will NOT be used|remove those properties|^Datasource|^\d+ migrations? found/i.test(l));
      // The CLI shows only the first line: put the reason there, not an empty "migration failed:".
      const reason = lines.join(" | ") || (signal ? `prisma migrate deploy was killed (${signal})` : `prisma migrate deploy exited with code ${code} and no output`);
      reject(new Error(`migration failed: ${reason}`));
    });
  });
}
