// Schemas of the provider ↔ website link and unit-cost endpoints (issue 14).
import { z } from "zod";
import { isoDay, queryInt, uuid } from "@/lib/http/schemas";
import { MAX_LINK_SERVICES, MAX_SERVICE_NAME } from "./links";

export const DEFAULT_UNIT_COST_DAYS = 30;
export const MAX_UNIT_COST_DAYS = 365;

const serviceName = z
  .string({ message: "must be a string" })
  .trim()
  .min(1, { message: "must not be empty" })
  .max(MAX_SERVICE_NAME, { message: `must be at most ${MAX_SERVICE_NAME} characters` });

export const linkBody = z.strictObject({
  website_id: uuid,
  services: z.array(serviceName, { message: "must be an array of service names" }).max(MAX_LINK_SERVICES, { message: `must contain at most ${MAX_LINK_SERVICES} services` }).optional(),
});

export const unlinkQuery = z.object({ website_id: uuid.optional() });
// An absent body reads as {}: the website may be named in the query string instead.
export const unlinkBody = z.strictObject({ website_id: uuid.optional() });

export const providerLink = z.object({
  provider_id: z.number().int(),
  website_id: z.string(),
  // Empty: the provider's whole usage spend.
  services: z.array(z.string()),
  created_at: z.string(),
});

export const unitCostsQuery = z.object({
  website_id: uuid.optional(),
  days: queryInt({ min: 1, max: MAX_UNIT_COST_DAYS })
    .optional()
    .transform((n) => n ?? DEFAULT_UNIT_COST_DAYS),
});

export const unitCostDay = z.object({
  date: isoDay,
  cost: z.number(),
  visitors: z.number(),
  pageviews: z.number(),
  cost_per_1k_visitors: z.number().nullable(),
  cost_per_1k_pageviews: z.number().nullable(),
  expected: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
});

