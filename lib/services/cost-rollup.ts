// Rebuilds the CostDaily rollup (what detection reads) for the (provider, day) pairs
// an ingest touched. Set-based: one DELETE and one INSERT ... SELECT per chunk of days,
// in one transaction so a day is never half-written. Pass `client` (an interactive
// transaction) to make the rollup part of the caller's own transaction.
import { db, dbProvider, type Db } from "@/lib/db/client";

export type RawExecutor = Pick<Db, "$executeRawUnsafe">;

const CHUNK = 400;

function rollupStatements(orgId: string, providerId: number, days: string[]): Array<{ sql: string; values: unknown[] }> {
  const pg = dbProvider() === "postgresql";
  const mark = (i: number) => (pg ? `$${i}` : "?");
  // Parameters: 1 = providerId, 2.. = days; the INSERT adds orgId last.
  const dayMarks = days.map((_, i) => mark(i + 2)).join(", ");
  const deleteSql = `DELETE FROM "CostDaily" WHERE "providerId" = ${mark(1)} AND "day" IN (${dayMarks})`;
  const insertSql =
    `INSERT INTO "CostDaily" ("orgId", "providerId", "day", "service", "amount", "otherAmount", "currency") ` +
    `SELECT ${mark(days.length + 2)}, "providerId", "day", "service", ` +
    `SUM(CASE WHEN "chargeCategory" = 'usage' THEN "amount" ELSE 0 END), ` +
    `SUM(CASE WHEN "chargeCategory" = 'usage' THEN 0 ELSE "amount" END), MAX("currency") ` +
    `FROM "CostEntry" WHERE "providerId" = ${mark(1)} AND "day" IN (${dayMarks}) GROUP BY "providerId", "day", "service"`;
  return [
    { sql: deleteSql, values: [providerId, ...days] },
    { sql: insertSql, values: [providerId, ...days, orgId] },
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
