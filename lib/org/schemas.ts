// Request and response shapes of the organization's settings routes (API keys, plan and credits).
import { z } from "zod";
import { displayName, uuid } from "@/lib/http/schemas";
import { PLANS } from "@/lib/org/organizations";
import { API_KEY_SCOPES } from "@/lib/vocabulary";

/** An instant in a body or query: ISO 8601 with a time zone, years 2000–2999. */
export const isoInstant = z
  .string({ message: "must be a string" })
  .max(40, { message: "must be at most 40 characters" })
  .regex(/^2\d{3}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/, { message: "must be an ISO date or date-time with a time zone, e.g. 2027-01-31T00:00:00Z" })
  .transform((raw) => new Date(raw))
  .refine((at) => !Number.isNaN(at.getTime()), { message: "is not a real date" });

/** `scope` and `expires_at` are optional: without them a key is admin and never expires. */
export const createApiKeyBody = z.strictObject({
  name: displayName,
  scope: z.enum(API_KEY_SCOPES, { message: `must be one of: ${API_KEY_SCOPES.join(", ")}` }).optional(),
  expires_at: isoInstant.nullable().optional(),
});

export const apiKeyIdParams = z.object({ id: uuid });

export const apiKeyJson = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  scope: z.enum(API_KEY_SCOPES),
  expires_at: z.string().nullable(),
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
