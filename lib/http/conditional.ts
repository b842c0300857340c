// Conditional GETs (RFC 9110 §13): a JSON answer carries a strong ETag, the hash of its
// exact bytes, so the tag is equal exactly when the body would be. A client that sends the
// tag back in If-None-Match gets 304 with no body: polling an unchanged list costs the
// server the query but not the transfer, and the client nothing to parse.
import { createHash } from "node:crypto";
import { changeStamp } from "@/lib/db/data-version";
import { wantsCsv } from "./csv";
import { todayUtc } from "@/lib/time";

/** Private (per credential) and revalidated on every use: a shared cache must not serve it to someone else. */
export const CONDITIONAL_CACHE_CONTROL = "private, no-cache";

export function entityTag(body: string | Uint8Array): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
}

/** If-None-Match lists tags (or `*`); weak comparison, as the RFC prescribes for it. */
export function matchesIfNoneMatch(header: string | null, tag: string): boolean {
  if (header === null) return false;
  const candidates = header.split(",").map((part) => part.trim().replace(/^W\//, ""));
  return candidates.includes("*") || candidates.includes(tag);
}

interface Rendered {
  /** UTF-8, encoded once: a kept answer (the 730-day list is megabytes) is not re-encoded per request. */
  body: Uint8Array<ArrayBuffer>;
  tag: string;
  status: number;
}

const utf8 = new TextEncoder();

function render(value: unknown, status: number): Rendered {
  const body = utf8.encode(JSON.stringify(value));
  return { body, tag: entityTag(body), status };
}

/** The JSON answer, or 304 when the client already holds exactly this body. */
function answer(request: Request, rendered: Rendered): Response {
  const headers = { etag: rendered.tag, "cache-control": CONDITIONAL_CACHE_CONTROL };
  if (rendered.status === 200 && matchesIfNoneMatch(request.headers.get("if-none-match"), rendered.tag)) return new Response(null, { status: 304, headers });
  return new Response(keptBytesStream(rendered.body), { status: rendered.status, headers: { ...headers, "content-type": "application/json" } });
}

/**
 * The kept bytes themselves as the body: a Response made from a Uint8Array copies it first
 * (undici), which for the 730-day list is megabytes of garbage per request. Nothing writes
 * to kept bytes, so handing them to the socket as they are is safe.
 * (They are not kept gzipped as well: Next.js drops a route handler's Content-Encoding and
 * Content-Length headers, so pre-compressed bytes would reach the client unlabelled.)
 */
function keptBytesStream(bytes: Uint8Array<ArrayBuffer>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

export function conditionalJson(request: Request, value: unknown, status = 200): Response {
  return answer(request, render(value, status));
}

/**
 * Rendered answers kept per organization, URL and day, each with the database's change stamp
 * read before it was computed: one is served only while nothing has been committed since, so
 * it is byte for byte what computing it again would give (the answers of these endpoints
 * depend only on stored data, the organization, the URL and today's date). Without a stamp
 * (PostgreSQL) every answer is computed. Bounded in entries and bytes; oldest out first.
 */
const CACHE_MAX_ENTRIES = 500;
const CACHE_MAX_BYTES = 64 * 1024 * 1024;
const cache = new Map<string, Rendered & { stamp: string }>();
let cachedBytes = 0;

function remember(key: string, entry: Rendered & { stamp: string }): void {
  const previous = cache.get(key);
  if (previous) {
    cachedBytes -= previous.body.byteLength;
    cache.delete(key);
  }
  if (entry.body.byteLength > CACHE_MAX_BYTES / 4) return;
  while (cache.size >= CACHE_MAX_ENTRIES || cachedBytes + entry.body.byteLength > CACHE_MAX_BYTES) {
    const [oldestKey, oldest] = cache.entries().next().value ?? [];
    if (oldestKey === undefined || oldest === undefined) break;
    cachedBytes -= oldest.body.byteLength;
    cache.delete(oldestKey);
  }
  cache.set(key, entry);
  cachedBytes += entry.body.byteLength;
}

/**
 * A conditional JSON answer for an organization's request, from the cache while the database
 * is unchanged. `compute` gives the JSON value, or a Response (CSV), which is passed through.
 */
export async function cachedConditionalJson(
  request: Request,
  orgId: string,
  status: number,
  compute: () => Promise<unknown>,
): Promise<Response> {
  const url = new URL(request.url);
  // Of the Accept header only what changes the answer: JSON or CSV. Keyed by the header itself,
  // every client spelling it differently (browsers, curl, fetch's */*, none) paid its own miss.
  const key = `${orgId} ${wantsCsv(request) ? "csv" : "json"} ${url.pathname}${url.search} ${todayUtc()}`;
  const stamp = await changeStamp();
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp) return answer(request, hit);
  if (stamp === null) return renderOrPass(request, await compute(), status);
  // Requests that miss together (after a write, 50 pollers at once) share one computation.
  const flight = `${key} ${stamp}`;
  const shared = await inflight.get(flight);
  if (shared) return answer(request, shared);
  const work = compute().then((value) => (value instanceof Response ? value : render(value, status)));
  inflight.set(flight, work.then((result) => (result instanceof Response ? null : result), () => null));
  try {
    const result = await work;
    if (result instanceof Response) return result;
    remember(key, { ...result, stamp });
    return answer(request, result);
  } finally {
    inflight.delete(flight);
  }
}

/** Computations under way, by cache key and stamp; null when the answer was not JSON or failed. */
const inflight = new Map<string, Promise<Rendered | null>>();

function renderOrPass(request: Request, value: unknown, status: number): Response {
  return value instanceof Response ? value : answer(request, render(value, status));
}
