// Schemas of the suppression rules (/api/v1/suppressions) and the alert simulator
// (/api/v1/simulations), shared by the handlers, the dashboard client and the OpenAPI document.
import { z } from "zod";
import { intId, isoDay } from "@/lib/http/schemas";
import { ANOMALY_TYPES, SEVERITIES } from "@/lib/vocabulary";

export const MAX_SUPPRESS_DAYS = 365;
export const DEFAULT_SUPPRESS_DAYS = 30;
export const MAX_SUPPRESSION_REASON = 1000;
/** Active rules per organization: each new anomaly is checked against all of them. */
export const MAX_ACTIVE_SUPPRESSIONS = 500;
export const MAX_SIMULATION_DAYS = 180;
export const DEFAULT_SIMULATION_DAYS = 90;
/** Rules a simulation may try at once. */
export const MAX_SIMULATION_SUPPRESSIONS = 50;

const text = (max: number) =>
  z
    .string({ message: "must be a string" })
    .trim()
    .min(1, { message: "must not be empty" })
    .max(max, { message: `must be at most ${max} characters` });

const positiveId = z.number({ message: "must be a number" }).int({ message: "must be a whole number" }).min(1).max(2_147_483_647);
const websiteIdText = z
  .string({ message: "must be a string" })
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: "must be a UUID" })
  .transform((s) => s.toLowerCase());

/** What a rule matches: every field that is set must match; at least one must be set. */
export const suppressionScope = z
  .strictObject({
    provider_id: positiveId.optional(),
    service: text(200).optional(),
    account_id: text(100).optional(),
    metric: text(100).optional(),
    website_id: websiteIdText.optional(),
  })
  .refine((s) => Object.values(s).some((v) => v !== undefined), { message: "must set at least one of provider_id, service, account_id, metric, website_id" });
export type SuppressionScope = z.output<typeof suppressionScope>;

const suppressDays = z
  .number({ message: "must be a number" })
  .int({ message: "must be a whole number" })
  .min(1, { message: `must be between 1 and ${MAX_SUPPRESS_DAYS}` })
  .max(MAX_SUPPRESS_DAYS, { message: `must be between 1 and ${MAX_SUPPRESS_DAYS}` });

/** A real calendar day ("2026-02-30" is not) or a real instant with a zone. */
function isRealDayOrInstant(s: string): boolean {
  if (isoDay.safeParse(s).success) {
    const start = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(start.getTime()) && start.toISOString().slice(0, 10) === s;
  }
  if (!z.iso.datetime({ offset: true }).safeParse(s).success) return false;
  const t = new Date(s).getTime();
  // The calendar part must exist too: Date rolls "02-30" over into March.
  return !Number.isNaN(t) && new Date(`${s.slice(0, 10)}T00:00:00Z`).toISOString().slice(0, 10) === s.slice(0, 10);
}

/** An instant (ISO 8601 with a time zone) or a day (until its end, UTC). */
const untilInstant = z
  .string({ message: "must be an ISO 8601 date or time" })
  .max(40, { message: "must be an ISO 8601 date or time" })
  .refine(isRealDayOrInstant, { message: "must be a real date YYYY-MM-DD or an ISO 8601 time with a zone" });

export const createSuppressionBody = z
  .strictObject({
    scope: suppressionScope,
    /** When the rule stops (at most 365 days ahead); or `days` from now. Default 30 days. */
    until: untilInstant.optional(),
    days: suppressDays.optional(),
    reason: text(MAX_SUPPRESSION_REASON).optional(),
  })
  .refine((b) => b.until === undefined || b.days === undefined, { message: "give either until or days, not both", path: ["until"] });
export type CreateSuppressionBody = z.output<typeof createSuppressionBody>;

export const suppressionIdParams = z.object({ id: intId });

const scopeJson = z.object({
  provider_id: z.number().int().optional(),
  service: z.string().optional(),
  account_id: z.string().optional(),
  metric: z.string().optional(),
  website_id: z.string().optional(),
});

export const suppressionRule = z.object({
  id: z.number().int(),
  scope: scopeJson,
  until: z.string(),
  reason: z.string(),
  created_by: z.string(),
  created_at: z.string(),
  // Additions: whether it is in force now, and how many anomalies it has recorded as dismissed.
  active: z.boolean(),
  matches: z.number().int(),
});
export type SuppressionRuleJson = z.infer<typeof suppressionRule>;

export const listSuppressionsResponse = z.object({ data: z.array(suppressionRule) });
export const suppressionResponse = z.object({ data: suppressionRule });

/** The optional part of the dismiss body that turns a dismissal into a rule (beyond the spec). */
export const DISMISS_SCOPES = ["series", "service"] as const;
export const dismissSuppression = {
  suppress_days: suppressDays.optional(),
  scope: z.enum(DISMISS_SCOPES, { message: `must be one of: ${DISMISS_SCOPES.join(", ")}` }).optional(),
};

// ---------- the simulator ----------

const simulatedRule = z.strictObject({
  scope: suppressionScope,
  until: untilInstant.optional(),
});

export const simulationBody = z.strictObject({
  days: z
    .number({ message: "must be a number" })
    .int({ message: "must be a whole number" })
    .min(1, { message: `must be between 1 and ${MAX_SIMULATION_DAYS}` })
    .max(MAX_SIMULATION_DAYS, { message: `must be between 1 and ${MAX_SIMULATION_DAYS}` })
    .optional()
    .transform((d) => d ?? DEFAULT_SIMULATION_DAYS),
  sensitivity: z.number({ message: "must be a number" }).min(0, { message: "must be between 0 and 1" }).max(1, { message: "must be between 0 and 1" }).optional(),
  cost_floor: z.number({ message: "must be a number" }).min(0, { message: "must be between 0 and 1000000" }).max(1_000_000, { message: "must be between 0 and 1000000" }).optional(),
  min_impact: z.number({ message: "must be a number" }).min(0, { message: "must be between 0 and 1000000000" }).max(1e9, { message: "must be between 0 and 1000000000" }).optional(),
  min_impact_percent: z.number({ message: "must be a number" }).min(0, { message: "must be between 0 and 100000" }).max(100_000, { message: "must be between 0 and 100000" }).optional(),
  /** Rules to try; without them the organization's own rules apply. An empty list tries none. */
  suppressions: z
    .array(simulatedRule, { message: "must be a list of {scope, until?}" })
    .max(MAX_SIMULATION_SUPPRESSIONS, { message: `must contain at most ${MAX_SIMULATION_SUPPRESSIONS} rules` })
    .optional(),
});
export type SimulationBody = z.output<typeof simulationBody>;

export const simulatedAnomaly = z.object({
  date: isoDay,
  type: z.enum(ANOMALY_TYPES),
  provider_id: z.number().int().optional(),
  website_id: z.string().optional(),
  metric: z.string(),
  impact: z.number(),
  // Additions: how it would have been recorded.
  severity: z.enum(SEVERITIES),
  deviation_percent: z.number(),
  alerted: z.boolean(),
  suppressed: z.boolean(),
});

export const simulationResult = z.object({
  days: z.number().int(),
  alerts: z.number().int(),
  anomalies: z.array(simulatedAnomaly),
  by_week: z.array(z.object({ week: isoDay, alerts: z.number().int() })),
  current: z.object({ alerts: z.number().int() }),
  // Addition: how long the replay took on the server.
  elapsed_ms: z.number(),
});
export type SimulationResultJson = z.infer<typeof simulationResult>;
export type SimulatedAnomalyJson = z.infer<typeof simulatedAnomaly>;
export const simulationResponse = z.object({ data: simulationResult });
