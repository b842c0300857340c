// SQLite bulk path for imports: prepared statements on the driver itself, one
// transaction per batch of whole days (delete the slices, insert, roll up). Going through
// the ORM costs ~50x more per row here, and an import writes tens of thousands of rows.
// The ORM connection is idle meanwhile; busy_timeout covers a concurrent writer.
import Database from "better-sqlite3";
import { databaseUrl, sqliteFileFromUrl } from "@/lib/db/url";
import { rollupStatements } from "@/lib/services/cost-rollup";
import { replacedSlices, type Aggregate } from "./runner";

type Handle = { file: string; db: Database.Database };
const holder = globalThis as unknown as { __bandwatchImportSqlite?: Handle };

function connection(): Database.Database {
  const file = sqliteFileFromUrl(databaseUrl());
  const current = holder.__bandwatchImportSqlite;
  if (current && current.file === file && current.db.open) return current.db;
  const db = new Database(file);
  db.pragma("busy_timeout = 30000");
  holder.__bandwatchImportSqlite = { file, db };
  return db;
}

export function writeSqliteDays(orgId: string, providerId: number, days: Array<{ day: string; rows: Aggregate[] }>): void {
  const db = connection();
  const insert = db.prepare(
    `INSERT INTO "CostEntry" ("orgId", "providerId", "day", "service", "region", "subAccount", "usageType", "chargeCategory", "currency", "amount", "billedAmount", "source", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  const now = new Date().toISOString().replace("Z", "+00:00");
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
