// Generates the benchmark organization: 100 providers × 30 services × 730 days of
// daily spend (2.19 M rollup rows) with weekly patterns, growth and random incidents.
// Bulk-loads with the database drivers directly: this is benchmark set-up, not product code.
import Database from "better-sqlite3";
import pg from "pg";
import { randomUUID } from "node:crypto";
import { gaussian, seededRandom } from "@/lib/seed/random";
import { addDays, todayUtc } from "@/lib/time";
import { isPostgresUrl, sqliteFileFromUrl } from "@/lib/db/url";

export interface LargeOrgShape {
  providers: number;
  services: number;
  days: number;
}

export const LARGE_ORG: LargeOrgShape = { providers: 100, services: 30, days: 730 };

function* rows(orgId: string, providerIds: number[], shape: LargeOrgShape) {
  const rand = seededRandom(20261122);
  const today = todayUtc();
  const days = Array.from({ length: shape.days }, (_, i) => addDays(today, i - shape.days));
  for (const providerId of providerIds) {
    for (let s = 0; s < shape.services; s++) {
      const base = Math.exp(1 + rand() * 6); // $3 … $1,100 a day
      const weekend = 0.7 + rand() * 0.3;
      const growth = rand() * 0.002;
      const spikes = new Set(Array.from({ length: 3 }, () => Math.floor(rand() * shape.days)));
      for (let d = 0; d < days.length; d++) {
        const dow = new Date(`${days[d]}T00:00:00Z`).getUTCDay();
        let amount = base * Math.pow(1 + growth, d) * (dow === 0 || dow === 6 ? weekend : 1) * Math.exp(0.04 * gaussian(rand));
        if (spikes.has(d)) amount *= 3 + rand() * 5;
        yield { orgId, providerId, day: days[d], service: `service-${String(s).padStart(2, "0")}`, amount: Math.round(amount * 100) / 100 };
      }
    }
  }
}

export async function createLargeOrg(url: string, slug: string, shape: LargeOrgShape = LARGE_ORG): Promise<{ orgId: string; rows: number }> {
  const orgId = randomUUID();
  let count = 0;
  if (isPostgresUrl(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`INSERT INTO "Organization" (id, slug, name, plan, "creditBalance", "creditsPeriod") VALUES ($1, $2, $3, 'business', 100000, '')`, [orgId, slug, slug]);
    const providerIds: number[] = [];
    for (let p = 0; p < shape.providers; p++) {
      const r = await client.query(`INSERT INTO "Provider" ("orgId", kind, name, currency) VALUES ($1, 'aws', $2, 'USD') RETURNING id`, [orgId, `bench-${p}`]);
      providerIds.push(r.rows[0].id);
    }
    let batch: unknown[] = [];
    let n = 0;
    const flush = async () => {
      if (!n) return;
      const values = Array.from({ length: n }, (_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5}, 0, 'USD')`).join(",");
      await client.query(`INSERT INTO "CostDaily" ("orgId", "providerId", day, service, amount, "otherAmount", currency) VALUES ${values}`, batch);
      batch = [];
      n = 0;
    };
    for (const r of rows(orgId, providerIds, shape)) {
      batch.push(r.orgId, r.providerId, r.day, r.service, r.amount);
      n++;
      count++;
      if (n === 5000) await flush();
    }
    await flush();
    // Fresh statistics, as autovacuum would gather after a bulk load: without them the
    // planner may scan the organization's index instead of the provider's.
    await client.query(`ANALYZE "CostDaily"`);
    await client.end();
  } else {
    const sqlite = new Database(sqliteFileFromUrl(url));
    sqlite.pragma("journal_mode = WAL");
    sqlite.prepare(`INSERT INTO "Organization" (id, slug, name, plan, creditBalance, creditsPeriod, createdAt) VALUES (?, ?, ?, 'business', 100000, '', ?)`).run(orgId, slug, slug, new Date().toISOString());
    const providerIds: number[] = [];
    const insertProvider = sqlite.prepare(`INSERT INTO "Provider" (orgId, kind, name, currency, createdAt) VALUES (?, 'aws', ?, 'USD', ?)`);
    for (let p = 0; p < shape.providers; p++) providerIds.push(Number(insertProvider.run(orgId, `bench-${p}`, new Date().toISOString()).lastInsertRowid));
    const insert = sqlite.prepare(`INSERT INTO "CostDaily" (orgId, providerId, day, service, amount, otherAmount, currency) VALUES (?, ?, ?, ?, ?, 0, 'USD')`);
    const tx = sqlite.transaction((batch: Array<{ orgId: string; providerId: number; day: string; service: string; amount: number }>) => {
      for (const r of batch) insert.run(r.orgId, r.providerId, r.day, r.service, r.amount);
    });
    let batch: Array<{ orgId: string; providerId: number; day: string; service: string; amount: number }> = [];
    for (const r of rows(orgId, providerIds, shape)) {
      batch.push(r);
      count++;
      if (batch.length === 20000) {
        tx(batch);
        batch = [];
      }
    }
    tx(batch);
    sqlite.close();
  }
  return { orgId, rows: count };
}
