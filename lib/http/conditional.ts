// Conditional GETs (RFC 9110 §13): a JSON answer carries a strong ETag, the hash of its
// exact bytes, so the tag is equal exactly when the body would be. A client that sends the
// tag back in If-None-Match gets 304 with no body: polling an unchanged list costs the
// server the query but not the transfer, and the client nothing to parse.
// Answers of a kilobyte or more are also kept gzipped, compressed once off the event loop,
// and sent as they are to clients that accept gzip (every browser and HTTP library does);
// otherwise Next.js's compression middleware would gzip the same megabytes on every request.
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
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

/** One encoding of an answer's bytes, with the strong tag of exactly those bytes. */
interface Representation {
  bytes: Uint8Array<ArrayBuffer>;
  tag: string;
}

interface Rendered {
  /** UTF-8, encoded once: a kept answer (the 730-day list is megabytes) is not re-encoded per request. */
  body: Uint8Array<ArrayBuffer>;
  tag: string;
  status: number;
  /** The same body gzipped, for answers of GZIP_MIN_BYTES or more. */
  gzipped: Representation | null;
}

const utf8 = new TextEncoder();
const gzipAsync = promisify(gzip);

/** Below this, gzip saves less than a packet and costs more than it saves (the compression middleware's threshold too). */
const GZIP_MIN_BYTES = 1024;

/** Strong tags differ per encoding (RFC 9110 §8.8.3): the gzipped bytes get their own tag. */
const gzipTag = (identityTag: string) => `${identityTag.slice(0, -1)}-gz"`;

async function render(value: unknown, status: number): Promise<Rendered> {
  const body = utf8.encode(JSON.stringify(value));
  const tag = entityTag(body);
  if (body.byteLength < GZIP_MIN_BYTES) return { body, tag, status, gzipped: null };
  // zlib's thread pool: a megabyte answer compresses without blocking other requests.
  const compressed = await gzipAsync(body);
  const bytes = new Uint8Array(compressed.buffer, compressed.byteOffset, compressed.byteLength);
  return { body, tag, status, gzipped: { bytes: bytes.slice(), tag: gzipTag(tag) } };
}

/**
 * Whether Accept-Encoding admits gzip: `gzip` or `x-gzip` with a non-zero q, or `*` with a
 * non-zero q when gzip is not named at all (RFC 9110 §12.5.3).
 */
export function acceptsGzip(header: string | null): boolean {
  if (header === null) return false;
  let wildcard = false;
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.split(";").map((piece) => piece.trim().toLowerCase());
    const q = params.find((param) => param.startsWith("q="));
    const accepted = q === undefined || Number(q.slice(2)) > 0;
    if (name === "gzip" || name === "x-gzip") return accepted;
    if (name === "*") wildcard = accepted;
  }
  return wildcard;
}

/** The JSON answer in the encoding the client takes, or 304 when it already holds exactly those bytes. */
function answer(request: Request, rendered: Rendered): Response {
  const gzipped = rendered.gzipped !== null && acceptsGzip(request.headers.get("accept-encoding")) ? rendered.gzipped : null;
  const chosen = gzipped ?? { bytes: rendered.body, tag: rendered.tag };
  const headers: Record<string, string> = { etag: chosen.tag, "cache-control": CONDITIONAL_CACHE_CONTROL };
  // Caches must key the answer by Accept-Encoding whenever there is a gzipped form to choose.
  if (rendered.gzipped !== null) headers.vary = "accept-encoding";
  if (rendered.status === 200 && matchesIfNoneMatch(request.headers.get("if-none-match"), chosen.tag)) return new Response(null, { status: 304, headers });
  headers["content-type"] = "application/json";
  headers["content-length"] = String(chosen.bytes.byteLength);
  if (gzipped) headers["content-encoding"] = "gzip";
  return new Response(keptBytesStream(chosen.bytes), { status: rendered.status, headers });
}

/**
 * The kept bytes themselves as the body: a Response made from a Uint8Array copies it first
 * (undici), which for the 730-day list is megabytes of garbage per request. Nothing writes
 * to kept bytes, so handing them to the socket as they are is safe.
 */
function keptBytesStream(bytes: Uint8Array<ArrayBuffer>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

export async function conditionalJson(request: Request, value: unknown, status = 200): Promise<Response> {
  return answer(request, await render(value, status));
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

const keptBytes = (entry: Rendered) => entry.body.byteLength + (entry.gzipped?.bytes.byteLength ?? 0);

function remember(key: string, entry: Rendered & { stamp: string }): void {
  const previous = cache.get(key);
  if (previous) {
    cachedBytes -= keptBytes(previous);
    cache.delete(key);
  }
  const size = keptBytes(entry);
  if (size > CACHE_MAX_BYTES / 4) return;
  while (cache.size >= CACHE_MAX_ENTRIES || cachedBytes + size > CACHE_MAX_BYTES) {
    const [oldestKey, oldest] = cache.entries().next().value ?? [];
    if (oldestKey === undefined || oldest === undefined) break;
    cachedBytes -= keptBytes(oldest);
    cache.delete(oldestKey);
  }
  cache.set(key, entry);
  cachedBytes += size;
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
  const work = compute().then(async (value): Promise<Response | Rendered> => (value instanceof Response ? value : render(value, status)));
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

async function renderOrPass(request: Request, value: unknown, status: number): Promise<Response> {
  return value instanceof Response ? value : answer(request, await render(value, status));
}
