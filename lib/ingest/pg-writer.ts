// PostgreSQL bulk path for imports: one client, one transaction per batch of whole days,
// entries inserted with INSERT ... SELECT FROM unnest(arrays) (12 parameters per batch
// instead of 12 per row), then the set-based rollup of those days.
import pg from "pg";
import { databaseUrl } from "@/lib/db/url";
import { rollupStatements } from "@/lib/cloud/rollup";
import { replacedSlices, type Aggregate } from "./cost-entries";

const round = (n: number) => Math.round(n * 1e6) / 1e6;

export async function writePgDays(orgId: string, providerId: number, days: Array<{ day: string; rows: Aggregate[] }>): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query("BEGIN");
    for (const { day, rows } of days) {
      for (const [source, accounts] of replacedSlices(rows)) {
        await client.query(`DELETE FROM "CostEntry" WHERE "providerId" = $1 AND "day" = $2 AND "source" = $3 AND "subAccount" = ANY($4::text[])`, [providerId, day, source, [...accounts]]);
      }
    }
    const rows = days.flatMap((d) => d.rows);
    await client.query(
      `INSERT INTO "CostEntry" ("orgId", "providerId", "day", "service", "region", "subAccount", "usageType", "chargeCategory", "currency", "amount", "billedAmount", "source", "updatedAt")
       SELECT $1, $2, u.day, u.service, u.region, u.sub, u.usage, u.cat, u.cur, u.amount, u.billed, u.source, CURRENT_TIMESTAMP
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::float8[], $11::float8[], $12::text[])
         AS u(day, service, region, sub, usage, cat, cur, amount, billed, source)`,
      [
        orgId,
        providerId,
        rows.map((r) => r.day),
        rows.map((r) => r.service),
        rows.map((r) => r.region),
        rows.map((r) => r.subAccount),
        rows.map((r) => r.usageType),
        rows.map((r) => r.chargeCategory),
        rows.map((r) => r.currency),
        rows.map((r) => round(r.amount)),
        rows.map((r) => (r.billedAmount === null ? null : round(r.billedAmount))),
        rows.map((r) => r.source),
      ],
    );
    for (const statement of rollupStatements(orgId, providerId, days.map((d) => d.day), true)) await client.query(statement.sql, statement.values);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}
