// `npm run bench:collect`: events/s accepted by POST /api/collect and its latency, then a
// check that every accepted event is in the database. Runs against a started app that
// uses DATABASE_URL: BENCH_URL=http://127.0.0.1:3310 DATABASE_URL=file:... npm run bench:collect
import autocannon from "autocannon";
import { db, disconnectDb } from "@/lib/db/client";
import { createOrganization } from "@/lib/org/organizations";

const BASE = process.env.BENCH_URL ?? "http://127.0.0.1:3000";
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

async function run(label: string, websiteId: string, perRequest: number) {
  const events = Array.from({ length: perRequest }, (_, i) => ({ type: "pageview", url: `https://bench.example/p${i}` }));
  const body = JSON.stringify(perRequest === 1 ? { ...events[0], website: websiteId } : { website: websiteId, events });
  const before = await db().webEvent.count({ where: { websiteId } });
  const result = await autocannon({ url: `${BASE}/api/collect`, method: "POST", connections: CONNECTIONS, duration: DURATION_S, body, headers: { "content-type": "text/plain", "user-agent": UA } });
  const accepted = result["2xx"] * perRequest;
  const stored = (await db().webEvent.count({ where: { websiteId } })) - before;
  const line = `| ${label} | ${Math.round((result.requests.average * perRequest)).toLocaleString("en")} | ${Math.round(result.requests.average).toLocaleString("en")} | ${result.latency.p50} ms | ${result.latency.p99} ms | ${accepted.toLocaleString("en")} | ${stored.toLocaleString("en")} | ${result.non2xx + result.errors} |`;
  console.log(line);
  return line;
}

async function main() {
  const slug = `bench-${Date.now()}`;
  const org = await createOrganization({ slug, name: slug, plan: "pro" });
  const site = await db().website.create({ data: { orgId: org.id, domain: `${slug}.example`, name: slug } });
  console.log(`POST /api/collect, ${CONNECTIONS} connections, ${DURATION_S} s each, against ${BASE}\n`);
  console.log("| payload | events/s | requests/s | p50 | p99 | events accepted | events stored | errors |");
  console.log("|---|---|---|---|---|---|---|---|");
  await run("1 event per request", site.id, 1);
  await run("10 events per request", site.id, 10);
  await disconnectDb();
}

void main();
