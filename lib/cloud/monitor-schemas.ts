// Schemas of the cost monitors API (/api/v1/monitors, issue 13). Client-safe (zod only).
import { z } from "zod";
import { displayName, intId } from "@/lib/http/schemas";
import { MONITOR_KINDS } from "@/lib/vocabulary";

export const MAX_MONITOR_VALUES = 100;
export const MAX_TAG_KEY = 128;
export const MAX_TAG_VALUE = 256;
/** Kinds a client may create: the `services` monitor exists once per organization, made by the app. */
export const CREATABLE_MONITOR_KINDS = ["accounts", "tag"] as const;

export const monitorJson = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(MONITOR_KINDS),
  provider_id: z.number().int().nullable(),
  tag_key: z.string().nullable(),
  // Only these accounts (accounts monitor) or tag values (tag monitor); empty: every one.
  values: z.array(z.string()),
  created_at: z.string(),
});
export type MonitorJson = z.infer<typeof monitorJson>;

export const monitorIdParams = z.object({ id: intId });

const providerRef = z
  .number({ message: "must be a provider id (a whole number)" })
  .int({ message: "must be a whole number" })
  .min(1, { message: "must be at least 1" })
  .max(2_147_483_647, { message: "must be at most 2147483647" });

const tagKey = z
  .string({ message: "must be a string" })
  .trim()
  .min(1, { message: "is required" })
  .max(MAX_TAG_KEY, { message: `must be at most ${MAX_TAG_KEY} characters` });

const monitorValues = z
  .array(
    z
      .string({ message: "must be a string" })
      .trim()
      .min(1, { message: "must not be empty" })
      .max(MAX_TAG_VALUE, { message: `must be at most ${MAX_TAG_VALUE} characters` }),
    { message: "must be an array of strings" },
  )
  .max(MAX_MONITOR_VALUES, { message: `must contain at most ${MAX_MONITOR_VALUES} values` })
  .transform((values) => [...new Set(values)]);

export const createMonitorBody = z
  .strictObject({
    name: displayName,
    kind: z.enum(CREATABLE_MONITOR_KINDS, {
      message: `must be one of: ${CREATABLE_MONITOR_KINDS.join(", ")} (the services monitor exists once per organization)`,
    }),
    provider_id: providerRef.optional().nullable(),
    tag_key: tagKey.optional().nullable(),
    values: monitorValues.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.kind === "tag" && !body.tag_key) ctx.addIssue({ code: "custom", path: ["tag_key"], message: "is required for a tag monitor" });
    if (body.kind !== "tag" && body.tag_key) ctx.addIssue({ code: "custom", path: ["tag_key"], message: "is only for a tag monitor" });
  });
export type CreateMonitorBody = z.output<typeof createMonitorBody>;

export const updateMonitorBody = z
  .strictObject({
    name: displayName.optional(),
    provider_id: providerRef.optional().nullable(),
    tag_key: tagKey.optional(),
    values: monitorValues.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: "must change at least one of name, provider_id, tag_key, values" });
export type UpdateMonitorBody = z.output<typeof updateMonitorBody>;

export const monitorResponse = z.object({ data: monitorJson });
export const listMonitorsResponse = z.object({ data: z.array(monitorJson) });
