// The collection pipeline behind POST /api/collect: resolve the site, drop bots,
// normalise native and Plausible-style events, write them in group-committed batches
// (a request is answered only after its events are in the database, so an accepted
// event is never lost), then roll the touched hours up shortly after. Batches bypass
// Prisma's per-row mapping (see insertEvents): it cost more than everything else per event.
import { setting } from "@/lib/config";
import { z } from "zod";
import Database from "better-sqlite3";
import { db } from "@/lib/db/client";
import { sqliteGate } from "@/lib/db/gate";
import { databaseUrl, isPostgresUrl, sqliteFileFromUrl } from "@/lib/db/url";
import { storedInstant } from "@/lib/db/stored-instant";
import { HttpError, notFound } from "@/lib/http/errors";
import { wellFormedText } from "@/lib/http/well-formed";
import { collectBody, nativeBatch, nativeSingle, plausibleEvent, type NativeEvent } from "@/lib/web/schemas";
import { HOUR_MS } from "@/lib/time";
import { isBot } from "./bots";
import { rollupHours } from "./rollup";
import { clientIp, visitorHashOnDay } from "./visitor";
import { parseUserAgent } from "./segments";
import { allowedOriginsOf, checkIpLimit, checkOrigin, checkSiteLimit } from "./collect-guard";

export type CollectBody = z.output<typeof collectBody>;

/**
 * Events may arrive a little late (offline tabs, backend queues), but a public, unauthenticated
 * endpoint must not let anyone rewrite a site's history: older data goes through the
 * authenticated bulk API (BANDWATCH_COLLECT_MAX_AGE_HOURS, default 6).
 */
export function maxEventAgeMs(): number {
  return Math.min(setting("BANDWATCH_COLLECT_MAX_AGE_HOURS"), 30 * 24) * HOUR_MS;
}
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
const DAY_MS = 24 * HOUR_MS;
const MAX_PROPS_CHARS = 2000;
const MAX_PROPS_DEPTH = 5;

export interface EventRow {
  websiteId: string;
  ts: Date;
  hour: Date;
  type: string;
  name: string | null;
  path: string | null;
  referrer: string | null;
  visitorHash: string;
  loadTimeMs: number | null;
  props: string | null;
  browser: string | null;
  device: string | null;
}

// ---------- site lookup (cached: every event needs it) ----------

type Site = { id: string; domain: string; allowedOrigins: string[] };
const SITE_TTL_MS = 30_000;
const MISSING_TTL_MS = 3_000;
const siteCache = new Map<string, { site: Site | null; until: number }>();

async function lookupSite(ref: { id?: string; domain?: string }): Promise<Site | null> {
  const key = ref.id ? `id:${ref.id}` : `domain:${ref.domain}`;
  const hit = siteCache.get(key);
  if (hit && hit.until > Date.now()) return hit.site;
  const row = await db().website.findFirst({ where: ref.id ? { id: ref.id } : { domain: ref.domain }, select: { id: true, domain: true, settings: true } });
  const site = row ? { id: row.id, domain: row.domain, allowedOrigins: allowedOriginsOf(row.settings) } : null;
  if (siteCache.size > 10_000) siteCache.clear();
  siteCache.set(key, { site, until: Date.now() + (site ? SITE_TTL_MS : MISSING_TTL_MS) });
  return site;
}

/** Drops a site from this instance's cache (deleted or changed); other instances expire it within SITE_TTL_MS. */
export function forgetSite(websiteId: string): void {
  for (const [key, entry] of siteCache) if (key === `id:${websiteId}` || entry.site?.id === websiteId) siteCache.delete(key);
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

function pathOf(url: string | undefined, path: string | undefined): string | null {
  if (path) return path.slice(0, 1024);
  if (!url) return null;
  try {
    return new URL(url).pathname.slice(0, 1024);
  } catch {
    return url.startsWith("/") ? url.slice(0, 1024) : null;
  }
}

function badEvent(message: string, field?: string): HttpError {
  return new HttpError("invalid_body", message, field ? [{ field, message }] : undefined);
}

/** `maxAge` is maxEventAgeMs(), read once per request (reading the environment per event showed in profiles). */
function eventTime(ts: string | number | undefined, now: Date, index: number, maxAge: number): Date {
  if (ts === undefined) return now;
  const t = typeof ts === "number" ? ts : Date.parse(ts);
  if (!Number.isFinite(t)) throw badEvent(`Invalid event time at events.${index}.ts: must be an ISO 8601 timestamp or epoch milliseconds`, `events.${index}.ts`);
  if (t > now.getTime() + MAX_CLOCK_SKEW_MS) throw badEvent(`Event time at events.${index}.ts is in the future`, `events.${index}.ts`);
  if (t < now.getTime() - maxAge) throw badEvent(`Event time at events.${index}.ts is older than ${maxAge / HOUR_MS} hours; import history with POST /api/external/v1/websites/:id/metrics`, `events.${index}.ts`);
  return new Date(t);
}

/** Whether a parsed JSON value nests deeper than `max` or has too many parts (walked without recursion). */
export function exceedsShape(value: unknown, max: number, maxNodes = 1000): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  let nodes = 0;
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    if (depth >= max || ++nodes > maxNodes) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

function propsJson(props: unknown): string | null {
  if (props === undefined || props === null) return null;
  // Checked before JSON.stringify, which would overflow the stack on deep nesting.
  if (exceedsShape(props, MAX_PROPS_DEPTH)) throw badEvent(`props may nest at most ${MAX_PROPS_DEPTH - 1} levels deep`, "props");
  const text = typeof props === "string" ? props : JSON.stringify(props);
  if (text.length > MAX_PROPS_CHARS) throw badEvent(`props must be at most ${MAX_PROPS_CHARS} characters of JSON`, "props");
  return text;
}

interface Normalised {
  siteRef: { id?: string; domain?: string };
  events: Array<NativeEvent & { propsText: string | null }>;
}

type BatchBody = z.output<typeof nativeBatch>;
type SingleBody = z.output<typeof nativeSingle>;

/**
 * Which of collectBody's options parsed the body, read from its output instead of parsing again
 * (the union already validated it; parsing again cost as much once more per event): each
 * option strips unknown keys, so only a batch has `events` and only a native event has `type`.
 */
const isBatch = (body: CollectBody): body is BatchBody => "events" in body;
const isSingle = (body: CollectBody): body is SingleBody => "type" in body;

/** One shape for the three accepted bodies (already parsed by collectBody). */
export function normalise(body: CollectBody): Normalised {
  if (isBatch(body)) {
    const id = body.website ?? body.website_id;
    return { siteRef: id ? { id } : { domain: body.domain?.toLowerCase() ?? hostOf(body.events[0]?.url) }, events: body.events.map((e) => ({ ...e, propsText: propsJson(e.props) })) };
  }
  if (isSingle(body)) {
    const id = body.website ?? body.website_id;
    return { siteRef: id ? { id } : { domain: body.domain?.toLowerCase() ?? hostOf(body.url) }, events: [{ ...body, propsText: propsJson(body.props) }] };
  }
  const p = plausibleEvent.parse(body);
  const name = (p.name ?? p.n)?.trim();
  const url = p.url ?? p.u;
  if (!name) throw badEvent("Missing event name: send {name, url, domain} (Plausible) or {type, url, website} (Bandwatch)", "name");
  if (!url) throw badEvent("Missing url", "url");
  const domain = (p.domain ?? p.d)?.split(",")[0].trim().toLowerCase() ?? hostOf(url);
  const isPageview = name.toLowerCase() === "pageview";
  return {
    siteRef: { domain },
    events: [{ type: isPageview ? "pageview" : "event", url, referrer: p.referrer ?? p.r ?? null, name: isPageview ? null : name, propsText: propsJson(p.props ?? p.p) }],
  };
}

// ---------- group-committed writes ----------

const MAX_BATCH = 1000;
const BATCH_WAIT_MS = 2;

/** Events waiting for a commit, at most. */
const maxPending = () => setting("BANDWATCH_COLLECT_MAX_PENDING");

/** The buffer is full (the database is slower than the incoming events): the client retries later. */
export class CollectBackpressure extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("Collector is busy");
    this.name = "CollectBackpressure";
  }
}

interface Waiter {
  rows: EventRow[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

class EventWriter {
  private waiters: Waiter[] = [];
  private pendingRows = 0;
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  write(rows: EventRow[]): Promise<void> {
    // Bounded: a stalled database must not turn into unbounded memory.
    if (this.pendingRows + rows.length > maxPending()) return Promise.reject(new CollectBackpressure(this.running ? 2 : 1));
    return new Promise((resolve, reject) => {
      this.waiters.push({ rows, resolve, reject });
      this.pendingRows += rows.length;
      if (this.running) return; // picked up when the current batch commits
      if (this.pendingRows >= MAX_BATCH) this.kick(0);
      else if (!this.timer) this.kick(BATCH_WAIT_MS);
    });
  }

  private kick(delay: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), delay);
  }

  private async flush() {
    this.timer = null;
    if (this.running || this.waiters.length === 0) return;
    this.running = true;
    const waiters = this.waiters;
    this.waiters = [];
    this.pendingRows = 0;
    try {
      await commitTogether(waiters);
    } finally {
      this.running = false;
      if (this.waiters.length) this.kick(0);
    }
  }
}

// ---------- one statement per group ----------

/** WebEvent's columns in the order of each row's cells (`id` is the database's). */
const EVENT_COLUMNS = ["websiteId", "ts", "hour", "type", "name", "path", "referrer", "visitorHash", "loadTimeMs", "props", "receivedAt", "browser", "device"] as const;
const INSTANT_COLUMNS = new Set<string>(["ts", "hour", "receivedAt"]);
type Cell = string | number | null;

/** Text as it is stored (a lone surrogate becomes U+FFFD): Prisma's own writes rejected such rows outright. */
function storableText(text: string | null): string | null {
  return text === null ? null : wellFormedText(text);
}

/** storedInstant remembering its last answer: a group's rows share their hour, and a request's events mostly their time. */
function lastInstantMemo(): (date: Date) => string {
  let lastMs = NaN;
  let lastText = "";
  return (date) => {
    const ms = date.getTime();
    if (ms !== lastMs) {
      lastMs = ms;
      lastText = storedInstant(date);
    }
    return lastText;
  };
}

/** A group's rows as cells (one per column, in EVENT_COLUMNS order), all received at `receivedAt`. */
function groupCells(rows: EventRow[], receivedAt: Date): Cell[][] {
  const received = storedInstant(receivedAt);
  const time = lastInstantMemo();
  const hour = lastInstantMemo();
  const text = storableText;
  return rows.map((r) => [r.websiteId, time(r.ts), hour(r.hour), r.type, text(r.name), text(r.path), text(r.referrer), r.visitorHash, r.loadTimeMs, text(r.props), received, r.browser, r.device]);
}

/**
 * One INSERT through Prisma for any number of rows, their cells sent as one JSON parameter that
 * the database unpacks (PostgreSQL jsonb_array_elements; SQLite json_each, used only for an
 * in-memory database). Prisma's createMany cost about half a millisecond of CPU per row (its query
 * compiler maps every field), and a placeholder per cell nearly as much; one text parameter does not.
 */
export function insertEventsStatement(rows: EventRow[], receivedAt: Date, pg: boolean): { sql: string; json: string } {
  const json = JSON.stringify(groupCells(rows, receivedAt));
  const columns = EVENT_COLUMNS.map((c) => `"${c}"`).join(", ");
  if (!pg) {
    const cells = EVENT_COLUMNS.map((_, i) => `value ->> ${i}`).join(", ");
    return { sql: `INSERT INTO "WebEvent" (${columns}) SELECT ${cells} FROM json_each(?)`, json };
  }
  // jsonb: each element is parsed once, not once per `->>`.
  const cells = EVENT_COLUMNS.map((c, i) => {
    const cell = `(e ->> ${i})`;
    if (INSTANT_COLUMNS.has(c)) return `${cell}::timestamp(3)`;
    return c === "loadTimeMs" ? `${cell}::double precision` : cell;
  }).join(", ");
  return { sql: `INSERT INTO "WebEvent" (${columns}) SELECT ${cells} FROM jsonb_array_elements($1::jsonb) AS e`, json };
}

// SQLite files are written on the driver itself, like imports (lib/ingest/sqlite-writer.ts): even
// one JSON parameter costs ~20 µs per row in Prisma's engine, prepared statements a few.
type SqliteWriter = { file: string; conn: Database.Database; statements: Map<number, Database.Statement> };
const sqliteHolder = globalThis as unknown as { __bandwatchCollectSqlite?: SqliteWriter };
/** Rows per prepared INSERT (13 placeholders each, far below SQLite's 32,766). */
const SQLITE_ROWS_PER_STATEMENT = 100;
/** The driver's busy wait is synchronous (it blocks the event loop): short, then retried asynchronously. */
const SQLITE_SYNC_BUSY_MS = 50;

function sqliteWriter(file: string): SqliteWriter {
  const current = sqliteHolder.__bandwatchCollectSqlite;
  if (current && current.file === file && current.conn.open) return current;
  if (current?.conn.open) current.conn.close(); // another database (tests switch DATABASE_URL)
  const conn = new Database(file);
  conn.pragma(`busy_timeout = ${SQLITE_SYNC_BUSY_MS}`);
  // A site deleted meanwhile must fail the insert (a 404 for its requests), not leave orphan events.
  conn.pragma("foreign_keys = ON");
  // As on the app's connection (lib/db/client.ts): with WAL, NORMAL is crash-safe.
  conn.pragma("synchronous = NORMAL");
  return (sqliteHolder.__bandwatchCollectSqlite = { file, conn, statements: new Map() });
}

function sqliteInsert(writer: SqliteWriter, count: number): Database.Statement {
  let statement = writer.statements.get(count);
  if (!statement) {
    const row = `(${EVENT_COLUMNS.map(() => "?").join(", ")})`;
    statement = writer.conn.prepare(`INSERT INTO "WebEvent" (${EVENT_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${Array(count).fill(row).join(", ")}`);
    writer.statements.set(count, statement);
  }
  return statement;
}

function isSqliteBusy(error: unknown): boolean {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  return code.startsWith("SQLITE_BUSY") || code === "SQLITE_LOCKED";
}

/** All rows in one transaction, behind the process's SQLite gate (no Prisma statement runs meanwhile). */
async function insertSqlite(file: string, rows: EventRow[], receivedAt: Date): Promise<void> {
  const cells = groupCells(rows, receivedAt);
  const deadline = Date.now() + setting("BANDWATCH_SQLITE_BUSY_WAIT_MS");
  for (let attempt = 0; ; attempt++) {
    const release = await sqliteGate().acquire();
    try {
      const writer = sqliteWriter(file);
      writer.conn
        .transaction(() => {
          for (let start = 0; start < cells.length; start += SQLITE_ROWS_PER_STATEMENT) {
            const chunk = cells.slice(start, start + SQLITE_ROWS_PER_STATEMENT);
            sqliteInsert(writer, chunk.length).run(chunk.flat());
          }
        })
        .immediate();
      return;
    } catch (error) {
      // Another process holds the write lock; a failed transaction changed nothing, so retrying is safe.
      if (!isSqliteBusy(error) || Date.now() >= deadline) throw error;
    } finally {
      release();
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(250, 10 * 2 ** attempt)));
  }
}

/** Writes the rows atomically: an accepted event is never lost, a failed group changed nothing. */
export async function insertEvents(rows: EventRow[], receivedAt = new Date()): Promise<void> {
  const url = databaseUrl();
  const file = isPostgresUrl(url) ? null : sqliteFileFromUrl(url);
  if (file !== null && file !== ":memory:") return insertSqlite(file, rows, receivedAt);
  const { sql, json } = insertEventsStatement(rows, receivedAt, file === null);
  const written = await db().$executeRawUnsafe(sql, json);
  // A short count fails the group (retried per request) rather than answer 202 for rows not stored.
  if (written !== rows.length) throw new Error(`WebEvent insert wrote ${written} of ${rows.length} rows`);
}

async function insert(rows: EventRow[]): Promise<void> {
  await insertEvents(rows);
  const touched = new Set(rows.map((r) => `${r.websiteId}|${r.hour.getTime()}`));
  for (const key of touched) markDirty(key);
}

/** A request whose rows could not be written: a site deleted meanwhile is a 404, not a 500. */
async function failOne(waiter: Waiter, error: unknown): Promise<void> {
  const ids = [...new Set(waiter.rows.map((r) => r.websiteId))];
  ids.forEach(forgetSite);
  const still = await db().website.count({ where: { id: { in: ids } } }).catch(() => ids.length);
  waiter.reject(still < ids.length ? notFound("Website") : error);
}

/**
 * Waiting requests are written together, in statements of at most MAX_BATCH rows (each one
 * atomic). If a statement fails (a site deleted meanwhile, one bad row), each of its requests
 * is retried on its own, so one tenant's bad event never fails another's.
 */
async function commitTogether(waiters: Waiter[]): Promise<void> {
  const groups: Waiter[][] = [];
  let size = Infinity;
  for (const w of waiters) {
    if (size + w.rows.length > MAX_BATCH) {
      groups.push([]);
      size = 0;
    }
    groups[groups.length - 1].push(w);
    size += w.rows.length;
  }
  for (const group of groups) {
    try {
      await insert(group.flatMap((w) => w.rows));
      for (const w of group) w.resolve();
      continue;
    } catch (error) {
      if (group.length === 1) {
        await failOne(group[0], error);
        continue;
      }
    }
    for (const w of group) {
      try {
        await insert(w.rows);
        w.resolve();
      } catch (error) {
        await failOne(w, error);
      }
    }
  }
}

// ---------- debounced rollups of touched hours ----------

const dirty = new Set<string>();
let rollupTimer: NodeJS.Timeout | null = null;
let rollupRunning = false;
const MIN_ROLLUP_DELAY_MS = 500;
/**
 * Recomputing a busy hour costs more as it fills, and it shares the CPU (on SQLite the event loop
 * itself) with collection: with rollups at a tenth of the time, a profile under bench:collect
 * showed them (Prisma, the hour's scan) at ≈ 7 % of the server's CPU. So they take about a
 * fiftieth while that keeps an hour's figures within FRESH_ROLLUP_DELAY_MS; a slower rollup (over
 * 100 ms) waits that long, or ten times its own duration (at most MAX_ROLLUP_DELAY_MS), as before.
 */
const ROLLUP_SHARE = 50;
const FRESH_ROLLUP_DELAY_MS = 5_000;
const BUSY_ROLLUP_SHARE = 10;
const MAX_ROLLUP_DELAY_MS = 30_000;

function nextRollupDelay(tookMs: number): number {
  const fresh = Math.min(FRESH_ROLLUP_DELAY_MS, tookMs * ROLLUP_SHARE);
  const busy = Math.min(MAX_ROLLUP_DELAY_MS, tookMs * BUSY_ROLLUP_SHARE);
  return Math.max(MIN_ROLLUP_DELAY_MS, fresh, busy);
}
let rollupDelayMs = MIN_ROLLUP_DELAY_MS;

function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2003";
}

/** `key` is "websiteId|hour start in ms". */
function markDirty(key: string) {
  dirty.add(key);
  if (!rollupTimer && !rollupRunning) rollupTimer = setTimeout(() => void runRollups(), rollupDelayMs);
}

async function runRollups() {
  rollupTimer = null;
  rollupRunning = true;
  const started = Date.now();
  const keys = [...dirty];
  dirty.clear();
  try {
    for (const key of keys) {
      const [websiteId, hour] = key.split("|");
      await rollupHours(websiteId, [new Date(Number(hour))]).catch((error: unknown) => {
        // A website deleted since its events arrived took them along: nothing left to roll up.
        if (isForeignKeyViolation(error)) return;
        // The detection job re-rolls hours with recent events, so nothing is lost.
        console.error("[bandwatch] rollup failed", error);
      });
    }
  } finally {
    rollupRunning = false;
    rollupDelayMs = nextRollupDelay(Date.now() - started);
    if (dirty.size && !rollupTimer) rollupTimer = setTimeout(() => void runRollups(), rollupDelayMs);
  }
}

/** Waits until every touched hour has been rolled up (tests, benchmarks, shutdown). */
export async function drainRollups(): Promise<void> {
  if (rollupTimer) {
    clearTimeout(rollupTimer);
    rollupTimer = null;
  }
  while (rollupRunning) await new Promise((r) => setTimeout(r, 20));
  if (dirty.size) await runRollups();
}

const holder = globalThis as unknown as { __bandwatchEventWriter?: EventWriter };
const writer = (holder.__bandwatchEventWriter ??= new EventWriter());

export interface CollectResult {
  accepted: number;
  ignored: number;
}

export async function collectEvents(body: CollectBody, headers: Headers, now = new Date()): Promise<CollectResult> {
  const ip = clientIp(headers);
  await checkIpLimit(ip, now);
  const { siteRef, events } = normalise(body);
  if (!siteRef.id && !siteRef.domain) throw badEvent("Tell which website the event belongs to: website (id) or domain", "website");
  const site = await lookupSite(siteRef);
  if (!site) throw notFound(siteRef.id ? `Website '${siteRef.id}'` : `Website with domain '${siteRef.domain}'`);
  checkOrigin(site.allowedOrigins, headers.get("origin"));
  await checkSiteLimit(site.id, events.length, now);
  const userAgent = headers.get("user-agent") ?? "";
  if (isBot(userAgent)) return { accepted: 0, ignored: events.length };
  const rows = eventRows(events, { websiteId: site.id, ip, userAgent }, now);
  await writer.write(rows);
  return { accepted: rows.length, ignored: 0 };
}

/** The stored rows of one request's events (validated here: times, required fields). */
function eventRows(events: Normalised["events"], sender: { websiteId: string; ip: string; userAgent: string }, now: Date): EventRow[] {
  const { websiteId } = sender;
  const agent = parseUserAgent(sender.userAgent);
  const maxAge = maxEventAgeMs();
  // A batch's events nearly always fall on one day and hour: its hash is looked up once, and its
  // events share one Date for the hour (Next wraps the Date constructor, which made it costly).
  let lastDay = NaN;
  let lastHash = "";
  let hour = new Date(NaN);
  return events.map((e, i) => {
    const ts = eventTime(e.ts, now, i, maxAge);
    if (e.type === "timing" && e.load_time_ms === undefined) throw badEvent(`events.${i}.load_time_ms is required for timing events`, `events.${i}.load_time_ms`);
    if (e.type === "event" && !e.name) throw badEvent(`events.${i}.name (the goal) is required for custom events`, `events.${i}.name`);
    const t = ts.getTime();
    const hourStart = t - (t % HOUR_MS);
    if (hour.getTime() !== hourStart) hour = new Date(hourStart);
    const day = Math.floor(t / DAY_MS);
    if (day !== lastDay) {
      lastDay = day;
      lastHash = visitorHashOnDay(sender, day);
    }
    return {
      websiteId,
      ts,
      hour,
      type: e.type,
      name: e.name ?? null,
      path: pathOf(e.url, e.path),
      referrer: e.referrer ?? null,
      visitorHash: lastHash,
      loadTimeMs: e.type === "timing" ? (e.load_time_ms ?? null) : null,
      props: e.propsText,
      browser: agent.browser,
      device: agent.device,
    };
  });
}
