// API keys as the settings page manages them: list by prefix, create (the secret is
// returned once and only its hash is kept) with a scope and an optional expiry, revoke.
// Scoped by organization; creation and revocation are written to the audit log.
import { db } from "@/lib/db/client";
import type { OrgRef } from "@/lib/auth/principal";
import { createApiKey, forgetApiKeys } from "@/lib/auth/api-keys";
import { HttpError, notFound } from "@/lib/http/errors";
import type { ApiKeyScope } from "@/lib/vocabulary";
import { recordAudit } from "./audit";
import type { ApiKeyJson } from "./schemas";

export type { ApiKeyJson };

type ApiKeyRow = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null; scope: ApiKeyScope; expiresAt: Date | null };

/** The longest expiry a key may be given (two years): longer-lived keys should simply not expire. */
export const MAX_KEY_LIFETIME_DAYS = 730;

function toApiKeyJson(row: ApiKeyRow): ApiKeyJson {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
    scope: row.scope,
    expires_at: row.expiresAt?.toISOString() ?? null,
  };
}

/** Active keys first (newest first), then revoked ones. */
export async function listApiKeys(org: Pick<OrgRef, "id">): Promise<ApiKeyJson[]> {
  const rows = await db().apiKey.findMany({ where: { orgId: org.id }, orderBy: { createdAt: "desc" } });
  return rows.map(toApiKeyJson).sort((a, b) => Number(a.revoked_at !== null) - Number(b.revoked_at !== null));
}

export interface IssueKeyInput {
  name: string;
  scope?: ApiKeyScope;
  expiresAt?: Date | null;
}

/** Refuses an expiry in the past or further than MAX_KEY_LIFETIME_DAYS ahead. */
export function checkKeyExpiry(expiresAt: Date | null | undefined, now = new Date()): void {
  if (!expiresAt) return;
  const refuse = (message: string) => new HttpError("invalid_body", `Invalid request body at 'expires_at': ${message}`, [{ field: "expires_at", message }]);
  if (expiresAt.getTime() <= now.getTime()) throw refuse("must be in the future");
  if (expiresAt.getTime() > now.getTime() + MAX_KEY_LIFETIME_DAYS * 86_400_000) throw refuse(`must be within ${MAX_KEY_LIFETIME_DAYS} days`);
}

export async function issueApiKey(org: Pick<OrgRef, "id">, input: IssueKeyInput, actor: string): Promise<{ key: string; api_key: ApiKeyJson }> {
  checkKeyExpiry(input.expiresAt);
  const { key, record } = await createApiKey(org.id, input.name, { scope: input.scope, expiresAt: input.expiresAt });
  await recordAudit({ orgId: org.id, actor, action: "api_key.create", targetType: "api_key", targetId: record.id, details: { prefix: record.prefix, name: record.name, scope: record.scope, expires_at: record.expiresAt?.toISOString() ?? null } });
  return { key, api_key: toApiKeyJson(record) };
}

/** Revoking twice is harmless; a key of another organization is "not found". */
export async function revokeApiKeyById(org: Pick<OrgRef, "id">, id: string, actor: string): Promise<ApiKeyJson> {
  const row = await db().apiKey.findFirst({ where: { id, orgId: org.id } });
  if (!row) throw notFound("API key");
  if (row.revokedAt) return toApiKeyJson(row);
  const updated = await db().apiKey.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
  forgetApiKeys((principal) => principal.apiKeyId === row.id);
  await recordAudit({ orgId: org.id, actor, action: "api_key.revoke", targetType: "api_key", targetId: row.id, details: { prefix: row.prefix, name: row.name } });
  return toApiKeyJson(updated);
}

/** The command line names a key by its prefix (the organization comes from the key); null when no active key has it. */
export async function revokeApiKeyByPrefix(prefix: string, actor: string): Promise<ApiKeyJson | null> {
  const row = await db().apiKey.findFirst({ where: { prefix, revokedAt: null } });
  return row ? revokeApiKeyById({ id: row.orgId }, row.id, actor) : null;
}
