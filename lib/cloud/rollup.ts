// Rebuilds the CostDaily rollup (what detection reads) for the (provider, day) pairs
// an ingest touched. Set-based: one DELETE and one INSERT ... SELECT per chunk of days,
// in one transaction so a day is never half-written. Pass `client` (an interactive
// transaction) to make the rollup part of the caller's own transaction.
import { db, dbProvider, type Db } from "@/lib/db/client";

export type RawExecutor = Pick<Db, "$executeRawUnsafe">;

const CHUNK = 400;

export function rollupStatements(orgId: string, providerId: number, days: string[], pg = dbProvider() === "postgresql"): Array<{ sql: string; values: unknown[] }> {
  const mark = (i: number) => (pg ? `$${i}` : "?");
  // Parameters: 1 = orgId, 2 = providerId, 3.. = days, in textual order (SQLite's `?` are positional).
  const dayMarks = days.map((_, i) => mark(i + 3)).join(", ");
  const scope = `"orgId" = ${mark(1)} AND "providerId" = ${mark(2)} AND "day" IN (${dayMarks})`;
  const deleteSql = `DELETE FROM "CostDaily" WHERE ${scope}`;
  const insertSql =
    `INSERT INTO "CostDaily" ("orgId", "providerId", "day", "service", "amount", "otherAmount", "currency") ` +
    `SELECT "orgId", "providerId", "day", "service", ` +
    `SUM(CASE WHEN "chargeCategory" = 'usage' THEN "amount" ELSE 0 END), ` +
    `SUM(CASE WHEN "chargeCategory" = 'usage' THEN 0 ELSE "amount" END), MAX("currency") ` +
    `FROM "CostEntry" WHERE ${scope} GROUP BY "orgId", "providerId", "day", "service"`;
  return [
    { sql: deleteSql, values: [orgId, providerId, ...days] },
    { sql: insertSql, values: [orgId, providerId, ...days] },
  ];
}

export async function rollupCostDays(orgId: string, providerId: number, days: Iterable<string>, client?: RawExecutor): Promise<number> {
  const dayList = [...new Set(days)].sort();
  if (dayList.length === 0) return 0;
  let written = 0;
  for (let start = 0; start < dayList.length; start += CHUNK) {
    const [del, ins] = rollupStatements(orgId, providerId, dayList.slice(start, start + CHUNK));
    if (client) {
      await client.$executeRawUnsafe(del.sql, ...del.values);
      written += await client.$executeRawUnsafe(ins.sql, ...ins.values);
    } else {
      const [, inserted] = await db().$transaction([db().$executeRawUnsafe(del.sql, ...del.values), db().$executeRawUnsafe(ins.sql, ...ins.values)]);
      written += inserted;
    }
  }
  return written;
}
