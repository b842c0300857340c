// Fuzzing every API route over real HTTP: thousands of malformed requests (wrong types, huge
// and tiny numbers, NaN/Infinity as strings, deep nesting, long strings, odd unicode, bad JSON,
// wrong methods, bad auth headers), seeded and bounded in time. Every answer must be below 500
// (except the collector's deliberate 503 with Retry-After), carry no stack trace or internal
// name, and use its API family's one error shape.
// FUZZ_SEED picks the run (printed on failure); FUZZ_SECONDS and FUZZ_REQUESTS bound it.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, createTestOrg, createTestProvider, type TestOrg } from "../support/fixtures";
import { signIn } from "../support/session";
import { createTestWebsite, insertWebAnomaly } from "../support/web-fixtures";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/passwords";
import { seededRandom } from "@/lib/seed/random";

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const BUDGET_MS = Number(process.env.FUZZ_SECONDS ?? 75) * 1000;
const MAX_REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 4000);
const CONCURRENCY = 4;

// ---------- seeded randomness ----------

const rand = seededRandom(SEED);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)];
const chance = (p: number) => rand() < p;

// ---------- the route table, from the app/api tree ----------

interface RouteTemplate {
  template: string;
  family: "v1" | "external" | "internal" | "collect" | "auth" | "plain";
}

function listRoutes(dir: string, prefix = "/api"): RouteTemplate[] {
  const out: RouteTemplate[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listRoutes(full, `${prefix}/${name}`));
    else if (name === "route.ts") out.push({ template: prefix, family: familyOf(prefix) });
  }
  return out;
}

function familyOf(url: string): RouteTemplate["family"] {
  if (url.startsWith("/api/v1")) return "v1";
  if (url.startsWith("/api/external")) return "external";
  if (url.startsWith("/api/internal")) return "internal";
  if (url.startsWith("/api/collect")) return "collect";
  if (url.startsWith("/api/auth")) return "auth";
  return "plain";
}

// ---------- value pools ----------

const ODD_STRINGS = [
  "", " ", "NaN", "Infinity", "-Infinity", "1e309", "-1e309", "1e-400", "0x10", "-0", "null", "undefined", "true", "[]", "{}",
  "9999-12-31", "0000-01-01", "9999-12-31T23:59:59-23:59", "2024-02-30", "+275760-09-13", "1970-01-01T00:00:00Z",
  "../../etc/passwd", "%00", "\u0000", "\ud800", "\udfff", "\u202e\u0645\u0631\u062d\u0628\u0627", "e\u0301", "\u200b\u200d\ufeff", "😀".repeat(50), "ß".repeat(100),
  "'; DROP TABLE \"Anomaly\"; --", "<script>alert(1)</script>", "${7*7}", "{{7*7}}", "\\", "/\t/evil.example", "a".repeat(5000),
];
const ODD_NUMBERS = [0, -0, -1, 1, 0.5, -0.000001, 2 ** 31, -(2 ** 31), 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, Number.MAX_VALUE, Number.MIN_VALUE, 1e308, -1e308, 1e-320, 123456789012345];
const KEYS = [
  "days", "type", "status", "provider_id", "limit", "page", "offset", "sort", "order", "hours", "metric", "from", "to", "since", "cursor", "destination_id",
  "name", "kind", "url", "email", "types", "min_severity", "min_impact", "mode", "enabled", "rotate_secret", "domain", "timezone", "reason", "note",
  "rows", "points", "events", "date", "day", "service", "amount", "currency", "value", "website", "website_id", "ts", "props", "region", "sku",
  "account_id", "plan", "settings", "allowed_origins", "hour", "n", "u", "d", "p", "load_time_ms", "__proto__", "constructor",
];

function oddScalar(): unknown {
  switch (int(6)) {
    case 0:
      return pick(ODD_STRINGS);
    case 1:
      return pick(ODD_NUMBERS) * (chance(0.5) ? 1 : -1);
    case 2:
      return pick([true, false, null]);
    case 3:
      return "x".repeat(int(3) === 0 ? 100_000 : int(300));
    case 4:
      return new Date(Date.UTC(1900 + int(300), int(12), int(31))).toISOString();
    default:
      return String.fromCharCode(...Array.from({ length: 1 + int(20) }, () => int(0xffff)));
  }
}

function deep(levels: number, leaf: unknown): unknown {
  let v = leaf;
  for (let i = 0; i < levels; i++) v = chance(0.5) ? { a: v } : [v];
  return v;
}

function randomValue(depth = 0): unknown {
  const r = int(10);
  if (depth > 3 || r < 5) return oddScalar();
  if (r < 7) return Array.from({ length: int(4) }, () => randomValue(depth + 1));
  if (r < 9) return randomObject(depth + 1);
  return deep(pick([10, 100, 1000, 3000]), oddScalar());
}

function randomObject(depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0, n = 1 + int(5); i < n; i++) out[pick(KEYS)] = randomValue(depth);
  return out;
}

/** Mostly valid shapes with one or two fields broken: reaches deeper than pure noise. */
function nearMiss(family: RouteTemplate["family"], ctx: Fixtures): unknown {
  const day = pick(["2026-11-01", "9999-12-31", "0000-01-01", "2026-13-40", oddScalar()]);
  const shapes = [
    { rows: [{ date: day, service: pick(["EC2", oddScalar()]), amount: pick([12.5, oddScalar()]) }] },
    { points: [{ date: day, metric: pick(["p95_latency_ms", oddScalar()]), value: pick([1, oddScalar()]) }] },
    { type: "pageview", website: pick([ctx.websiteId, oddScalar()]), url: pick(["/", oddScalar()]), ts: pick([undefined, oddScalar()]), props: chance(0.3) ? deep(int(50), 1) : randomObject() },
    { name: "pageview", url: `https://${ctx.domain}/`, domain: ctx.domain, props: randomValue() },
    { website: ctx.websiteId, events: Array.from({ length: pick([0, 1, 3, 101]) }, () => ({ type: pick(["pageview", "timing", "event", oddScalar()]), url: "/", load_time_ms: oddScalar() })) },
    { kind: pick(["webhook", "slack", "email", oddScalar()]), name: oddScalar(), url: pick(["https://hooks.example.invalid/x", "http://127.0.0.2/", "http://[::1]/", oddScalar()]), min_impact: oddScalar() },
    { reason: oddScalar(), note: oddScalar() },
    { name: oddScalar(), domain: pick(["example.com", oddScalar()]), timezone: pick(["UTC", oddScalar()]) },
    { hours: [{ hour: day, metric: "visitors", value: oddScalar() }] },
    { allowed_origins: pick([["https://a.example"], [oddScalar()], oddScalar()]) },
  ];
  void family;
  return pick(shapes);
}

const BAD_JSON = ['{"a":', "{'a':1}", '{"a":1,}', "\ufeff{}", "[1,2", '{"a":NaN}', '{"a":Infinity}', '{"a":1e999}', "nul", '"\\ud800"', "{".repeat(20_000), "\u0000", '{"a":"\\u0000"}'];

function randomBody(family: RouteTemplate["family"], ctx: Fixtures): { body?: string; contentType?: string } {
  const r = int(10);
  if (r === 0) return {};
  if (r === 1) return { body: pick(BAD_JSON), contentType: pick(["application/json", "text/plain", "application/x-www-form-urlencoded"]) };
  if (r === 2) return { body: JSON.stringify(randomValue()), contentType: "application/json" };
  if (r === 3) return { body: "a=1&b=%ZZ&email=x", contentType: pick(["application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", "multipart/form-data"]) };
  if (r < 6) return { body: JSON.stringify(randomObject()), contentType: pick(["application/json", "text/plain", "application/xml"]) };
  return { body: JSON.stringify(nearMiss(family, ctx)), contentType: pick(["application/json", "text/plain"]) };
}

// ---------- fixtures and auth ----------

interface Fixtures {
  org: TestOrg;
  providerId: number;
  websiteId: string;
  domain: string;
  anomalyId: number;
  destinationId: string;
  /** Rows a DELETE may remove (the fuzz's own key, site and destination must survive the run). */
  victims: string[];
  cookie: string;
}

function badAuth(ctx: Fixtures): Record<string, string> {
  switch (int(4)) {
    case 0:
      return {};
    case 1:
      return { authorization: pick(["Bearer", "Bearer ", "Basic Zm9vOmJhcg==", `Bearer bw_${"A".repeat(300)}`, "Bearer bw_\u00e9\u00e8", `Bearer ${ctx.org.key} extra`, "bearer    bw_x", "Digest x"]) };
    case 2:
      return { "x-api-key": pick(["", "bw_", "x".repeat(1000), "bw_\u00ff\u00fe", "bw_ x"]) };
    default:
      return { cookie: pick(["next-auth.session-token=garbage", `next-auth.session-token=${"a".repeat(4000)}`, "=;=;", "next-auth.session-token=eyJhbGciOiJub25lIn0.e30."]) };
  }
}

/** Mostly the credentials the route's family takes (so inputs reach validation), sometimes wrong ones. */
function authHeaders(route: RouteTemplate, ctx: Fixtures): Record<string, string> {
  if (chance(0.2)) return badAuth(ctx);
  if (chance(0.1)) return pick<Record<string, string>>([{ authorization: `Bearer ${ctx.org.key}` }, { "x-api-key": ctx.org.key }, { cookie: ctx.cookie }]);
  if (route.family === "internal") return { cookie: ctx.cookie };
  if (route.family === "external") return chance(0.5) ? { "x-api-key": ctx.org.key } : { authorization: `Bearer ${ctx.org.key}` };
  if (route.family === "v1") return chance(0.85) ? { authorization: `Bearer ${ctx.org.key}` } : { cookie: ctx.cookie };
  return {};
}

/** encodeURIComponent throws on lone surrogates; invalid UTF-8 goes in as raw escapes instead. */
function encodeSegment(value: string): string {
  if (chance(0.1)) return pick(["%ED%A0%80", "%FF%FE", "%C0%AF", "%25", "%2F..%2F", "%"]);
  return encodeURIComponent(value.replace(/[\ud800-\udfff]/g, "\ufffd"));
}

function fillTemplate(template: string, ctx: Fixtures, method: string): string {
  return template.replace(/\[(\.\.\.)?(\w+)\]/g, (_, rest: string | undefined, name: string) => {
    if (rest) return pick(["", "x", "v2/anything", "signin", "csrf", "session", "providers", "callback/credentials", "signout", "a/b/c/d", encodeSegment(pick(ODD_STRINGS).slice(0, 100)) || "z"]);
    const ids = method === "DELETE" ? ctx.victims : [String(ctx.anomalyId), String(ctx.providerId), ctx.destinationId, ctx.websiteId];
    const good: Record<string, string> = { id: pick(ids), websiteId: method === "DELETE" ? pick(ctx.victims) : ctx.websiteId };
    if (chance(0.5)) return good[name] ?? "1";
    return encodeSegment(String(pick([...ODD_STRINGS.map((s) => s.slice(0, 200)), ...ODD_NUMBERS.map(String), randomUUID(), "-1", "0", "1.5", "1e3"])) || "%20");
  });
}

function randomQuery(): string {
  if (chance(0.4)) return "";
  const params = new URLSearchParams();
  for (let i = 0, n = 1 + int(4); i < n; i++) params.append(pick(KEYS), String(oddScalar()).slice(0, chance(0.9) ? 200 : 20_000));
  return `?${params.toString()}`;
}

// ---------- checks ----------

const LEAKS = [/\n\s+at .+[:(]\d+/, /node_modules/, /\/work\//, /prisma/i, /sqlite/i, /postgres/i, /better-sqlite3/, /TypeError|ReferenceError|RangeError|SyntaxError/, /Invalid `/, /ECONNREFUSED|ENOTFOUND/, /\.tsx?:\d+/];

interface Failure {
  what: string;
  request: string;
}

function checkResponse(route: RouteTemplate, method: string, status: number, headers: Headers, text: string): string | null {
  // Node's HTTP server refuses oversized headers and URLs before the app sees them.
  if (status === 431 || status === 414) return null;
  if (status >= 500 && !(status === 503 && route.family === "collect" && headers.has("retry-after"))) return `status ${status}`;
  const leak = LEAKS.find((re) => re.test(text));
  // The OpenAPI document and the auth endpoints legitimately mention some of these words.
  if (leak && route.family !== "plain" && route.family !== "auth") return `body leaks ${leak}`;
  if (status < 400 || method === "HEAD" || method === "OPTIONS" || route.family === "auth" || route.family === "plain") return null;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `non-JSON ${status} body`;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; timestamp?: unknown } }).error;
  if (route.family === "external") {
    if ((body as { success?: unknown }).success !== false || typeof error?.code !== "string" || typeof error.message !== "string" || typeof error.timestamp !== "string") return "not the external error shape";
    return null;
  }
  if (typeof error?.code !== "string" || typeof error.message !== "string") return "not the { error: { code, message } } shape";
  return null;
}

const statusCounts = new Map<number, number>();

/** Methods each route answered with something other than 405 during the sweep. */
const supported = new Map<string, Set<string>>();

async function send(route: RouteTemplate, ctx: Fixtures, method: string, failures: Failure[]): Promise<void> {
  const url = `${fillTemplate(route.template, ctx, method)}${randomQuery()}`;
  const withBody = method !== "GET" && method !== "HEAD";
  const { body, contentType } = withBody ? randomBody(route.family, ctx) : {};
  const headers: Record<string, string> = { "x-forwarded-for": `198.18.${int(250)}.${1 + int(250)}`, ...authHeaders(route, ctx) };
  if (contentType) headers["content-type"] = contentType;
  if (chance(0.05)) headers["idempotency-key"] = String(pick(ODD_STRINGS)).replace(/[^\x20-\x7e]/g, "?").slice(0, 300);
  const describeRequest = () => `${method} ${url.slice(0, 200)} auth=${Object.keys(headers).join("+")} body=${(body ?? "").slice(0, 120)}`;
  try {
    const res = await fetch(`${BASE_URL}${url}`, { method, headers, body, redirect: "manual", signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    statusCounts.set(res.status, (statusCounts.get(res.status) ?? 0) + 1);
    if (res.status !== 405) supported.set(route.template, (supported.get(route.template) ?? new Set()).add(method));
    const problem = checkResponse(route, method, res.status, res.headers, text);
    if (problem) failures.push({ what: `${problem}: ${text.slice(0, 200)}`, request: describeRequest() });
  } catch (error) {
    failures.push({ what: `request failed (${error instanceof Error ? error.message : String(error)})`, request: describeRequest() });
  }
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"];

describe(`fuzz over every API route (seed ${SEED})`, () => {
  let ctx: Fixtures;
  const routes = listRoutes(path.join(process.cwd(), "app/api"));

  beforeAll(async () => {
    const org = await createTestOrg("pro");
    const provider = await createTestProvider(org.id, "fuzz");
    const website = await createTestWebsite(org.id);
    const anomaly = await insertWebAnomaly(org.id, website.id, { detectedAt: new Date(Date.now() - 3_600_000) });
    const destination = await db().alertDestination.create({ data: { orgId: org.id, name: "fuzz", kind: "email", email: "fuzz@example.invalid" } });
    const victimKey = await db().apiKey.create({ data: { orgId: org.id, name: "victim", prefix: `bw_victim${randomUUID().slice(0, 3)}`, keyHash: randomUUID() } });
    const victimSite = await createTestWebsite(org.id);
    const victimProvider = await createTestProvider(org.id, "victim");
    const victimDestination = await db().alertDestination.create({ data: { orgId: org.id, name: "victim", kind: "email", email: "victim@example.invalid" } });
    const email = `fuzz-${randomUUID().slice(0, 8)}@fuzz.test`;
    const user = await db().user.create({ data: { email, passwordHash: await hashPassword("fuzz-password-1") } });
    await db().membership.create({ data: { orgId: org.id, userId: user.id, role: "admin" } });
    ctx = { org, providerId: provider.id, websiteId: website.id, domain: website.domain, anomalyId: anomaly.id, destinationId: destination.id, victims: [victimKey.id, victimSite.id, String(victimProvider.id), victimDestination.id], cookie: await signIn(email, "fuzz-password-1", "192.0.2.123") };
  });

  it("finds every route in the app/api tree", () => {
    expect(routes.length).toBeGreaterThanOrEqual(25);
    expect(routes.map((r) => r.template)).toContain("/api/collect");
  });

  it("answers malformed requests without 5xx, leaks or foreign error shapes", async () => {
    const failures: Failure[] = [];
    const started = Date.now();
    // Every route with every method once, then random requests until the budget is spent.
    const sweep = routes.flatMap((route) => METHODS.map((method) => ({ route, method })));
    let sent = 0;
    const next = (): { route: RouteTemplate; method: string } | null => {
      if (sent >= MAX_REQUESTS || Date.now() - started > BUDGET_MS) return null;
      const route = pick(routes.filter((r) => r.family !== "auth" || chance(0.1)));
      const methods = [...(supported.get(route.template) ?? new Set(["GET", "POST"]))].filter((m) => m !== "OPTIONS" && m !== "HEAD");
      const job = sent < sweep.length ? sweep[sent] : { route, method: chance(0.9) && methods.length ? pick(methods) : pick(METHODS) };
      sent += 1;
      return job;
    };
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let job = next(); job; job = next()) await send(job.route, ctx, job.method, failures);
      }),
    );
    const unique = [...new Map(failures.map((f) => [f.what.slice(0, 80), f])).values()];
    expect(sent, "requests sent").toBeGreaterThan(sweep.length);
    console.log(`fuzz seed ${SEED}: ${sent} requests in ${Date.now() - started} ms; statuses ${JSON.stringify(Object.fromEntries([...statusCounts].sort((a, b) => a[0] - b[0])))}`);
    // The inputs must reach validation and handlers, not stop at authentication.
    const count = (from: number, to: number) => [...statusCounts].filter(([s]) => s >= from && s < to).reduce((n, [, c]) => n + c, 0);
    expect(count(200, 300), "answers with 2xx").toBeGreaterThan(50);
    expect(statusCounts.get(400) ?? 0, "answers with 400").toBeGreaterThan(500);
    expect(unique.slice(0, 25), `seed ${SEED}: ${failures.length} of ${sent} requests failed`).toEqual([]);
  }, 150_000);
});
