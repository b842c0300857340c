// Alert destinations and deliveries: the settings page's request and response shapes.
import { z } from "zod";
import { displayName } from "@/lib/http/schemas";

import { ALERT_FREQUENCIES, ALERT_MODES, ANOMALY_TYPES, DESTINATION_KINDS, SEVERITIES, THRESHOLD_MODES } from "@/lib/vocabulary";

export const MAX_MONITOR_IDS = 50;
const monitorId = z
  .string({ message: "must be a string" })
  .trim()
  .regex(/^[A-Za-z0-9_.:-]{1,100}$/, { message: "must be a monitor id (1-100 letters, digits, _ . : -)" });

const httpUrl = z
  .string({ message: "must be a string" })
  .trim()
  .max(2000, { message: "must be at most 2000 characters" })
  .refine(
    (u) => {
      try {
        const url = new URL(u);
        return url.protocol === "https:" || url.protocol === "http:";
      } catch {
        return false;
      }
    },
    { message: "must be an http(s) URL" },
  );

const fields = {
  name: displayName,
  url: httpUrl.optional().nullable(),
  email: z.string().trim().max(320).regex(/^[^\s@,;]+@[^\s@,;]+$/, { message: "must be an email address" }).optional().nullable(),
  types: z.array(z.enum(ANOMALY_TYPES, { message: `must be one of: ${ANOMALY_TYPES.join(", ")}` })).max(3).optional(),
  min_severity: z.enum(SEVERITIES, { message: `must be one of: ${SEVERITIES.join(", ")}` }).optional(),
  min_impact: z.number({ message: "must be a number" }).min(0, { message: "must not be negative" }).max(1e12).optional(),
  mode: z.enum(ALERT_MODES, { message: "must be immediate or digest" }).optional(),
  enabled: z.boolean({ message: "must be true or false" }).optional(),
  // Issue 13: alert subscriptions.
  monitor_ids: z.array(monitorId).max(MAX_MONITOR_IDS, { message: `must list at most ${MAX_MONITOR_IDS} monitors` }).optional(),
  min_impact_percent: z.number({ message: "must be a number" }).min(0, { message: "must not be negative" }).max(1e6, { message: "must be at most 1000000" }).optional(),
  threshold_mode: z.enum(THRESHOLD_MODES, { message: `must be one of: ${THRESHOLD_MODES.join(", ")}` }).optional(),
  frequency: z.enum(ALERT_FREQUENCIES, { message: `must be one of: ${ALERT_FREQUENCIES.join(", ")}` }).optional(),
  forecast_alerts: z.boolean({ message: "must be true or false" }).optional(),
};

export const createDestinationBody = z
  .strictObject({ kind: z.enum(DESTINATION_KINDS, { message: `must be one of: ${DESTINATION_KINDS.join(", ")}` }), ...fields })
  .superRefine((d, ctx) => {
    if ((d.kind === "webhook" || d.kind === "slack") && !d.url) ctx.addIssue({ code: "custom", path: ["url"], message: `is required for a ${d.kind} destination` });
    if (d.kind === "email" && !d.email) ctx.addIssue({ code: "custom", path: ["email"], message: "is required for an email destination" });
  });
export type CreateDestinationInput = z.output<typeof createDestinationBody>;

export const updateDestinationBody = z.strictObject({ ...fields, name: fields.name.optional(), rotate_secret: z.boolean().optional() });
export type UpdateDestinationInput = z.output<typeof updateDestinationBody>;

export const destinationIdParams = z.object({ id: z.string().regex(/^[0-9a-f-]{36}$/i, { message: "must be a destination id" }) });

export const destinationJson = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(DESTINATION_KINDS),
  url: z.string().nullable(),
  email: z.string().nullable(),
  types: z.array(z.enum(ANOMALY_TYPES)),
  min_severity: z.enum(SEVERITIES),
  min_impact: z.number(),
  mode: z.enum(ALERT_MODES),
  enabled: z.boolean(),
  /** Empty: every monitor. */
  monitor_ids: z.array(z.string()),
  min_impact_percent: z.number(),
  /** "any": one of min_impact ($, cost only) and min_impact_percent suffices; "all": every one that applies. */
  threshold_mode: z.enum(THRESHOLD_MODES),
  frequency: z.enum(ALERT_FREQUENCIES),
  /** Also told when a provider's month-end forecast exceeds its budget. */
  forecast_alerts: z.boolean(),
  /** Only the last characters; the full secret is shown once, on creation or rotation. */
  secret_hint: z.string().nullable(),
  secret: z.string().optional(),
  created_at: z.string(),
});
export type DestinationJson = z.infer<typeof destinationJson>;

export const deliveriesQuery = z.object({ destination_id: destinationIdParams.shape.id.optional() });

export const deliveryJson = z.object({
  id: z.string(),
  destination_id: z.string(),
  destination_name: z.string(),
  anomaly_id: z.number().nullable(),
  event: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  response_status: z.number().nullable(),
  last_error: z.string().nullable(),
  next_attempt_at: z.string().nullable(),
  created_at: z.string(),
  delivered_at: z.string().nullable(),
  /** Issue 13: which of the destination's rules let the alert through (null for tests and older rows). */
  matched_rule: z.string().nullable(),
});
export type DeliveryJson = z.infer<typeof deliveryJson>;

export const destinationResponse = z.object({ data: destinationJson });
export const destinationsResponse = z.object({ data: z.array(destinationJson) });
export const deliveriesResponse = z.object({ data: z.array(deliveryJson) });
/** The test message's delivery after its first attempt (null if it is no longer among the latest). */
export const testDeliveryResponse = z.object({ data: deliveryJson.nullable() });
