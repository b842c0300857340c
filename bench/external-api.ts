// `npm run bench:external`: requests/s and latency of GET /api/external/v1/anomalies/:id
// against a started app on the demo data. Start the app with a rate limit that does not
// get in the way: BANDWATCH_API_RATE_LIMIT=100000000. Usage:
// BENCH_URL=http://127.0.0.1:3310 DATABASE_URL=file:... npm run bench:external
import autocannon from "autocannon";
import { db, disconnectDb } from "@/lib/db/client";
import { createApiKey } from "@/lib/auth/api-keys";

const BASE = process.env.BENCH_URL ?? "http://127.0.0.1:3000";
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

async function main() {
  const org = await db().organization.findUniqueOrThrow({ where: { slug: "acme" } });
  await db().organization.update({ where: { id: org.id }, data: { creditBalance: 10_000_000 } });
  const { key } = await createApiKey(org.id, "bench");
  const site = await db().website.findFirstOrThrow({ where: { orgId: org.id, domain: "shop.acme.example" } });
  console.log(`GET /api/external/v1/anomalies/:id, ${CONNECTIONS} connections, ${DURATION_S} s each, against ${BASE}\n`);
  console.log("| query | requests/s | p50 | p99 | 2xx / all |");
  console.log("|---|---|---|---|---|");
  for (const query of ["", "?range=90d", "?range=90d&severity=critical&resolved=true&limit=10"]) {
    const r = await autocannon({ url: `${BASE}/api/external/v1/anomalies/${site.id}${query}`, connections: CONNECTIONS, duration: DURATION_S, headers: { "x-api-key": key } });
    console.log(`| \`${query || "(defaults)"}\` | ${Math.round(r.requests.average).toLocaleString("en")} | ${r.latency.p50} ms | ${r.latency.p99} ms | ${r["2xx"].toLocaleString("en")} / ${(r["2xx"] + r.non2xx + r.errors).toLocaleString("en")} |`);
  }
  await disconnectDb();
}

void main();
