// API keys: `bw_<32 random chars>`. Only a SHA-256 hash is stored (keys are random,
// so a slow hash adds nothing); the first 12 characters are kept as a display prefix.
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";

const PREFIX_LENGTH = 12;
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function generateApiKey(): { key: string; prefix: string; keyHash: string } {
  const key = `bw_${randomBytes(24).toString("base64url")}`;
  return { key, prefix: key.slice(0, PREFIX_LENGTH), keyHash: hashApiKey(key) };
}

export async function createApiKey(orgId: string, name: string) {
  const { key, prefix, keyHash } = generateApiKey();
  const record = await db().apiKey.create({ data: { orgId, name, prefix, keyHash } });
  return { key, record };
}

export interface ApiKeyPrincipal {
  apiKeyId: string;
  prefix: string;
  name: string;
  org: { id: string; slug: string; plan: string };
}

interface KeyRow {
  id: string;
  prefix: string;
  name: string;
  lastUsedAt: Date | string | null;
  orgId: string;
  slug: string;
  plan: string;
}

/** Every API request starts here, so it is one indexed lookup joining the key to its organization. */
export async function authenticateApiKey(key: string): Promise<ApiKeyPrincipal | null> {
  if (!key.startsWith("bw_") || key.length > 200) return null;
  const rows = await db().$queryRaw<KeyRow[]>`
    SELECT k."id", k."prefix", k."name", k."lastUsedAt", o."id" AS "orgId", o."slug", o."plan"
    FROM "ApiKey" k JOIN "Organization" o ON o."id" = k."orgId"
    WHERE k."keyHash" = ${hashApiKey(key)} AND k."revokedAt" IS NULL`;
  const record = rows[0];
  if (!record) return null;
  // Coarse last-used tracking: one write a minute per key instead of one per request.
  const now = Date.now();
  const lastUsed = record.lastUsedAt === null ? null : new Date(record.lastUsedAt).getTime();
  if (lastUsed === null || now - lastUsed > LAST_USED_RESOLUTION_MS) {
    await db().apiKey.update({ where: { id: record.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { apiKeyId: record.id, prefix: record.prefix, name: record.name, org: { id: record.orgId, slug: record.slug, plan: record.plan } };
}

export async function revokeApiKey(orgId: string | null, prefix: string): Promise<boolean> {
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
