// PostgreSQL bulk path for imports: one transaction per batch of whole days (delete the
// slices the batch replaces, insert its entries, roll its days up into CostDaily), so a
// killed import leaves every day either as it was or fully imported.
//
// Where the time goes: the server's work per row (the unique CostEntry index, the other two
// indexes, the Provider foreign-key check), not the statement or the round trips. Batches
// cover disjoint days, so they do not contend: WRITE_CONNECTIONS connections write batches
// side by side, which lets the server use a second core while this process waits. Measured
// on 72,000 entries (5 interleaved runs each, 2 cores at load 7–9): a new connection per batch
// 3.4–5.2 s, one connection for all 3.2–3.7 s, two connections 1.6–2.9 s. COPY FROM STDIN
// (pg-copy-streams) was no faster than INSERT ... SELECT FROM unnest(arrays) in the same runs
// (the index work is the same), so the statement stays and no dependency is added; the array
// literals are built here (node-postgres's own array serialization was about a tenth of the
// write phase's CPU profile).
import pg from "pg";
import { databaseUrl } from "@/lib/db/url";
import { rollupStatements } from "@/lib/cloud/rollup";
import { replacedSlices, type Aggregate } from "./cost-entries";

export interface DayRows {
  day: string;
  rows: Aggregate[];
}

/** Connections writing batches at once; more than the two cores we measure on did not help. */
export const WRITE_CONNECTIONS = 2;

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** A PostgreSQL text[] literal: every element quoted, so no value needs more than `\` and `"` escaped. */
export function textArrayLiteral(values: string[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ",";
    out += '"' + (v.includes("\\") || v.includes('"') ? v.replace(/[\\"]/g, "\\$&") : v) + '"';
  }
  return out + "}";
}

/** A float8[] literal of rounded amounts (NULL for a missing billed amount). */
export function amountArrayLiteral(values: Array<number | null>): string {
  return "{" + values.map((v) => (v === null ? "NULL" : String(round(v)))).join(",") + "}";
}

const INSERT_ENTRIES = `INSERT INTO "CostEntry" ("orgId", "providerId", "day", "service", "region", "subAccount", "usageType", "chargeCategory", "currency", "amount", "billedAmount", "source", "updatedAt")
  SELECT $1, $2, u.day, u.service, u.region, u.sub, u.usage, u.cat, u.cur, u.amount, u.billed, u.source, CURRENT_TIMESTAMP
  FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::float8[], $11::float8[], $12::text[])
    AS u(day, service, region, sub, usage, cat, cur, amount, billed, source)`;

async function writeBatch(client: pg.Client, orgId: string, providerId: number, days: DayRows[]): Promise<void> {
  await client.query("BEGIN");
  try {
    for (const { day, rows } of days) {
      for (const [source, accounts] of replacedSlices(rows)) {
        await client.query(`DELETE FROM "CostEntry" WHERE "providerId" = $1 AND "day" = $2 AND "source" = $3 AND "subAccount" = ANY($4::text[])`, [providerId, day, source, [...accounts]]);
      }
    }
    const rows = days.flatMap((d) => d.rows);
    const text = (pick: (r: Aggregate) => string) => textArrayLiteral(rows.map(pick));
    await client.query(INSERT_ENTRIES, [
      orgId,
      providerId,
      text((r) => r.day),
      text((r) => r.service),
      text((r) => r.region),
      text((r) => r.subAccount),
      text((r) => r.usageType),
      text((r) => r.chargeCategory),
      text((r) => r.currency),
      amountArrayLiteral(rows.map((r) => r.amount)),
      amountArrayLiteral(rows.map((r) => r.billedAmount)),
      text((r) => r.source),
    ]);
    for (const statement of rollupStatements(orgId, providerId, days.map((d) => d.day), true)) await client.query(statement.sql, statement.values);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/**
 * Writes the batches (each a list of whole days, each in its own transaction) over up to
 * WRITE_CONNECTIONS connections, calling `written` after each commit. On the first failure
 * no further batch starts; the batches already in flight finish or roll back, then the
 * error is thrown. Batches may commit out of order: each is whole days, so that is safe.
 */
export async function writePgBatches(orgId: string, providerId: number, batches: DayRows[][], written: (batch: DayRows[]) => void): Promise<void> {
  const clients: pg.Client[] = [];
  let next = 0;
  const failures: unknown[] = [];
  const work = async (client: pg.Client) => {
    while (failures.length === 0 && next < batches.length) {
      const batch = batches[next++];
      try {
        await writeBatch(client, orgId, providerId, batch);
      } catch (error) {
        failures.push(error);
        return;
      }
      written(batch);
    }
  };
  try {
    for (let i = 0; i < Math.min(WRITE_CONNECTIONS, batches.length); i++) {
      const client = new pg.Client({ connectionString: databaseUrl() });
      clients.push(client);
      await client.connect();
    }
    await Promise.all(clients.map(work));
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  }
  if (failures.length) throw failures[0];
}
