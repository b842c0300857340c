// Each public API has exactly one error shape; a flavor renders HttpErrors in it and
// carries the zod schema of that shape for the OpenAPI document.
import { z } from "zod";
import type { HttpError } from "./errors";

export interface ErrorFlavor {
  readonly name: string;
  render(error: HttpError): unknown;
  /** The rendered shape, as published in the OpenAPI document. */
  readonly schema: z.ZodType;
}

const errorDetail = z.object({ field: z.string().optional(), message: z.string() });

export const v1ErrorSchema = z.object({
  error: z.object({ code: z.string().describe("Machine-readable error code, e.g. invalid_parameter"), message: z.string(), details: z.array(errorDetail).optional() }),
});

export const externalErrorSchema = z.object({
  success: z.literal(false),
  error: z.object({ message: z.string(), code: z.string().describe("e.g. INVALID_PARAMETER, PLAN_REQUIRED"), timestamp: z.string(), details: z.array(errorDetail).optional() }),
});

/** Cloud anomalies API (/api/v1) and the dashboard's internal routes: `{ error: { code, message, details? } }`. */
export const v1Flavor: ErrorFlavor = {
  name: "v1",
  schema: v1ErrorSchema,
  render: (error) => ({
    error: { code: error.kind, message: error.message, ...(error.details?.length ? { details: error.details } : {}) },
  }),
};

const EXTERNAL_CODES: Record<HttpError["kind"], string> = {
  invalid_parameter: "INVALID_PARAMETER",
  invalid_body: "INVALID_BODY",
  corrupt_gzip: "CORRUPT_GZIP",
  unauthorized: "UNAUTHORIZED",
  forbidden: "FORBIDDEN",
  plan_required: "PLAN_REQUIRED",
  not_found: "NOT_FOUND",
  method_not_allowed: "METHOD_NOT_ALLOWED",
  conflict: "CONFLICT",
  last_admin: "LAST_ADMIN",
  payload_too_large: "PAYLOAD_TOO_LARGE",
  unsupported_media_type: "UNSUPPORTED_MEDIA_TYPE",
  rate_limited: "RATE_LIMIT_EXCEEDED",
  credits_exhausted: "CREDITS_EXHAUSTED",
  internal_error: "INTERNAL_ERROR",
  service_unavailable: "SERVICE_UNAVAILABLE",
};

/** Website analytics API (/api/external/v1), as its spec shows: `{ success: false, error: { message, code, timestamp } }`. */
export const externalFlavor: ErrorFlavor = {
  name: "external",
  schema: externalErrorSchema,
  render: (error) => ({
    success: false,
    error: {
      message: error.message,
      code: EXTERNAL_CODES[error.kind],
      timestamp: new Date().toISOString(),
      ...(error.details?.length ? { details: error.details } : {}),
    },
  }),
};
