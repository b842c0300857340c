// SQLite bulk path for imports: prepared statements on the driver itself, one
// transaction per batch of whole days (delete the slices, insert, roll up). Going through
// the ORM costs ~50x more per row here, and an import writes tens of thousands of rows.
//
// better-sqlite3 is synchronous, and so is its busy wait: a long busy timeout here would
// freeze the whole server. So each batch takes the process's SQLite gate (no ORM
// transaction is open meanwhile, see lib/db/gate.ts), the connection's own busy timeout
// is short, and a lock held by another process (the CLI, a second instance) is waited
// for asynchronously, with the event loop free between attempts.
import { setting } from "@/lib/config";
import Database from "better-sqlite3";
import { databaseUrl, sqliteFileFromUrl } from "@/lib/db/url";
import { sqliteGate } from "@/lib/db/gate";
import { storedInstant } from "@/lib/db/stored-instant";
import { rollupStatements } from "@/lib/cloud/rollup";
import { replacedSlices, type Aggregate } from "./cost-entries";

type Handle = { file: string; db: Database.Database };
const holder = globalThis as unknown as { __bandwatchImportSqlite?: Handle };

/** Synchronous wait per attempt: short enough not to stall other requests noticeably. */
const SYNC_BUSY_MS = 50;

export class DatabaseBusyError extends Error {
  readonly code = "SQLITE_BUSY";
  constructor(waitedMs: number) {
    super(`database is locked by another process (waited ${waitedMs} ms)`);
    this.name = "DatabaseBusyError";
  }
}

function connection(): Database.Database {
  const file = sqliteFileFromUrl(databaseUrl());
  const current = holder.__bandwatchImportSqlite;
  if (current && current.file === file && current.db.open) return current.db;
  const db = new Database(file);
  db.pragma(`busy_timeout = ${SYNC_BUSY_MS}`);
  holder.__bandwatchImportSqlite = { file, db };
  return db;
}

function isBusy(error: unknown): boolean {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  return code === "SQLITE_BUSY" || code.startsWith("SQLITE_BUSY_") || code === "SQLITE_LOCKED";
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function writeBatch(db: Database.Database, orgId: string, providerId: number, days: Array<{ day: string; rows: Aggregate[] }>): void {
  const insert = db.prepare(
    `INSERT INTO "CostEntry" ("orgId", "providerId", "day", "service", "region", "subAccount", "usageType", "chargeCategory", "currency", "amount", "billedAmount", "source", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  const now = storedInstant(new Date());
  const run = db.transaction(() => {
    for (const { day, rows } of days) {
      for (const [source, accounts] of replacedSlices(rows)) {
        const list = [...accounts];
        db.prepare(`DELETE FROM "CostEntry" WHERE "providerId" = ? AND "day" = ? AND "source" = ? AND "subAccount" IN (${list.map(() => "?").join(", ")})`).run(providerId, day, source, ...list);
      }
      for (const r of rows) {
        insert.run(orgId, providerId, r.day, r.service, r.region, r.subAccount, r.usageType, r.chargeCategory, r.currency, round(r.amount), r.billedAmount === null ? null : round(r.billedAmount), r.source, now);
      }
    }
    const dayList = days.map((d) => d.day);
    for (const statement of rollupStatements(orgId, providerId, dayList, false)) db.prepare(statement.sql).run(...(statement.values as Array<string | number>));
  });
  run.immediate();
}

/**
 * Writes one batch of days in one transaction. Retries while another process holds the
 * write lock, for up to BANDWATCH_SQLITE_WRITE_WAIT_MS (default 30 s), then throws
 * DatabaseBusyError (a 503 for the caller). Yields to the event loop after the batch.
 */
export async function writeSqliteDays(orgId: string, providerId: number, days: Array<{ day: string; rows: Aggregate[] }>): Promise<void> {
  const started = Date.now();
  const deadline = started + setting("BANDWATCH_SQLITE_WRITE_WAIT_MS");
  for (let attempt = 0; ; attempt++) {
    const release = await sqliteGate().acquire();
    try {
      writeBatch(connection(), orgId, providerId, days);
      break;
    } catch (error) {
      if (!isBusy(error)) throw error;
    } finally {
      release();
    }
    if (Date.now() >= deadline) throw new DatabaseBusyError(Date.now() - started);
    await sleep(Math.min(500, 25 * 2 ** attempt));
  }
  // Let queued requests run between batches: a batch is synchronous work.
  await new Promise((resolve) => setImmediate(resolve));
}
