// API keys: `bw_<32 random chars>`. Only a SHA-256 hash is stored (keys are random,
// so a slow hash adds nothing); the first 12 characters are kept as a display prefix.
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { changeStamp } from "@/lib/db/data-version";
import { isOneOf, API_KEY_SCOPES, type ApiKeyScope } from "@/lib/vocabulary";

const PREFIX_LENGTH = 12;
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function generateApiKey(): { key: string; prefix: string; keyHash: string } {
  const key = `bw_${randomBytes(24).toString("base64url")}`;
  return { key, prefix: key.slice(0, PREFIX_LENGTH), keyHash: hashApiKey(key) };
}

/** Keys made without options (CLI, seed, tests) keep the old rights: admin, no expiry. */
export async function createApiKey(orgId: string, name: string, options: { scope?: ApiKeyScope; expiresAt?: Date | null } = {}) {
  const { key, prefix, keyHash } = generateApiKey();
  const record = await db().apiKey.create({ data: { orgId, name, prefix, keyHash, scope: options.scope ?? "admin", expiresAt: options.expiresAt ?? null } });
  return { key, record };
}

export interface ApiKeyPrincipal {
  apiKeyId: string;
  prefix: string;
  name: string;
  scope: ApiKeyScope;
  org: { id: string; slug: string; plan: string };
}

interface KeyRow {
  id: string;
  prefix: string;
  name: string;
  lastUsedAt: Date | string | number | null;
  expiresAt: Date | string | number | null;
  scope: string;
  orgId: string;
  slug: string;
  plan: string;
}

/**
 * Authenticated keys kept in memory, each with the database's change stamp (lib/db/data-version.ts)
 * it was read at: an entry serves only while nothing at all has been committed since, so a
 * revocation by any process (API, CLI, another instance on the file) ends the key's access on
 * the very next request. Where there is no stamp (PostgreSQL without its listener) nothing is cached. Entries also
 * expire after AUTH_CACHE_TTL_MS, which bounds what a stamp could ever miss.
 */
export const AUTH_CACHE_TTL_MS = 5_000;
const AUTH_CACHE_SIZE = 1_000;
const authCache = new Map<string, { principal: ApiKeyPrincipal; stamp: string; until: number; lastUsedAt: number | null }>();

/** Every API request starts here, so it is one indexed lookup joining the key to its organization, or a cache hit. */
export async function authenticateApiKey(key: string): Promise<ApiKeyPrincipal | null> {
  if (!key.startsWith("bw_") || key.length > 200) return null;
  const keyHash = hashApiKey(key);
  const now = Date.now();
  const stamp = await changeStamp();
  const hit = authCache.get(keyHash);
  if (hit && stamp !== null && hit.stamp === stamp && hit.until > now && !lastUsedIsDue(hit.lastUsedAt, now)) return hit.principal;
  authCache.delete(keyHash);
  // Concurrent requests with one key (a client's parallel calls) share one lookup per stamp.
  const flight = `${keyHash} ${stamp}`;
  const pending = lookups.get(flight);
  if (pending) return pending;
  const lookup = lookUpKey(keyHash, stamp, now).finally(() => lookups.delete(flight));
  lookups.set(flight, lookup);
  return lookup;
}

const lookups = new Map<string, Promise<ApiKeyPrincipal | null>>();

async function lookUpKey(keyHash: string, stamp: string | null, now: number): Promise<ApiKeyPrincipal | null> {
  const rows = await db().$queryRaw<KeyRow[]>`
    SELECT k."id", k."prefix", k."name", k."lastUsedAt", k."expiresAt", k."scope", o."id" AS "orgId", o."slug", o."plan"
    FROM "ApiKey" k JOIN "Organization" o ON o."id" = k."orgId"
    WHERE k."keyHash" = ${keyHash} AND k."revokedAt" IS NULL`;
  const record = rows[0];
  // An unknown scope (a value this release does not know) grants nothing rather than everything.
  if (!record || !isOneOf(API_KEY_SCOPES, record.scope)) return null;
  const expiresAt = record.expiresAt === null ? null : new Date(record.expiresAt).getTime();
  if (expiresAt !== null && !(expiresAt > now)) return null;
  let lastUsedAt = record.lastUsedAt === null ? null : new Date(record.lastUsedAt).getTime();
  if (lastUsedIsDue(lastUsedAt, now)) {
    await db().apiKey.update({ where: { id: record.id }, data: { lastUsedAt: new Date(now) } });
    lastUsedAt = now;
  }
  const principal = { apiKeyId: record.id, prefix: record.prefix, name: record.name, scope: record.scope, org: { id: record.orgId, slug: record.slug, plan: record.plan } };
  // The stamp read before the lookup: a commit after it (our own last-used write included) only costs one more lookup.
  // A key that expires sooner than the cache bound is kept only until its expiry.
  const until = Math.min(now + AUTH_CACHE_TTL_MS, expiresAt ?? Infinity);
  if (stamp !== null) rememberKey(keyHash, { principal, stamp, until, lastUsedAt });
  return principal;
}

/** Coarse last-used tracking: one write a minute per key instead of one per request. */
function lastUsedIsDue(lastUsedAt: number | null, now: number): boolean {
  return lastUsedAt === null || now - lastUsedAt > LAST_USED_RESOLUTION_MS;
}

function rememberKey(keyHash: string, entry: { principal: ApiKeyPrincipal; stamp: string; until: number; lastUsedAt: number | null }): void {
  if (authCache.size >= AUTH_CACHE_SIZE) authCache.delete(authCache.keys().next().value ?? "");
  authCache.set(keyHash, entry);
}

/** Revocation through this process ends the key here at once, whatever the stamp says. */
export function forgetApiKeys(predicate: (principal: ApiKeyPrincipal) => boolean): void {
  for (const [hash, entry] of authCache) if (predicate(entry.principal)) authCache.delete(hash);
}

export async function revokeApiKey(orgId: string | null, prefix: string): Promise<boolean> {
  forgetApiKeys((p) => p.prefix === prefix);
  const result = await db().apiKey.updateMany({
    where: { prefix, revokedAt: null, ...(orgId ? { orgId } : {}) },
    data: { revokedAt: new Date() },
  });
  return result.count > 0;
}

export function readBearer(header: string | null): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}
