// API keys as the settings page manages them: list by prefix, create (the secret is
// returned once and only its hash is kept), revoke. Scoped by organization.
import { db } from "@/lib/db/client";
import type { OrgRef } from "@/lib/auth/principal";
import { createApiKey, forgetApiKeys } from "@/lib/auth/api-keys";
import { notFound } from "@/lib/http/errors";
import type { ApiKeyJson } from "./schemas";

export type { ApiKeyJson };

type ApiKeyRow = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

function toApiKeyJson(row: ApiKeyRow): ApiKeyJson {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}

/** Active keys first (newest first), then revoked ones. */
export async function listApiKeys(org: Pick<OrgRef, "id">): Promise<ApiKeyJson[]> {
  const rows = await db().apiKey.findMany({ where: { orgId: org.id }, orderBy: { createdAt: "desc" } });
  return rows.map(toApiKeyJson).sort((a, b) => Number(a.revoked_at !== null) - Number(b.revoked_at !== null));
}

export async function issueApiKey(org: Pick<OrgRef, "id">, name: string): Promise<{ key: string; api_key: ApiKeyJson }> {
  const { key, record } = await createApiKey(org.id, name);
  return { key, api_key: toApiKeyJson(record) };
}

/** Revoking twice is harmless; a key of another organization is "not found". */
export async function revokeApiKeyById(org: Pick<OrgRef, "id">, id: string): Promise<ApiKeyJson> {
  const row = await db().apiKey.findFirst({ where: { id, orgId: org.id } });
  if (!row) throw notFound("API key");
  if (row.revokedAt) return toApiKeyJson(row);
  const updated = await db().apiKey.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
  forgetApiKeys((principal) => principal.apiKeyId === row.id);
  return toApiKeyJson(updated);
}
