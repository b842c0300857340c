// Request and response shapes of the organization's settings routes (API keys, plan and credits).
import { z } from "zod";
import { displayName, uuid } from "@/lib/http/schemas";
import { PLANS } from "@/lib/org/organizations";

export const createApiKeyBody = z.strictObject({ name: displayName });

export const apiKeyIdParams = z.object({ id: uuid });

export const apiKeyJson = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});
export type ApiKeyJson = z.infer<typeof apiKeyJson>;

export const apiKeyResponse = z.object({ data: apiKeyJson });
export const apiKeysResponse = z.object({ data: z.array(apiKeyJson) });
/** The secret `key` is in this answer only; afterwards just its prefix is shown. */
export const issuedApiKeyResponse = z.object({ data: z.object({ key: z.string(), api_key: apiKeyJson }) });

export const organizationSummary = z.object({
  name: z.string(),
  slug: z.string(),
  plan: z.enum(PLANS),
  credits: z.object({ balance: z.number().int(), allowance: z.number().int(), period: z.string() }),
});
export const organizationResponse = z.object({ data: organizationSummary });
