// Typed errors thrown by domain code and route handlers; each API turns them into
// its own JSON error shape (see lib/http/flavors.ts).

export type ErrorKind =
  | "invalid_parameter"
  | "invalid_body"
  | "corrupt_gzip"
  | "unauthorized"
  | "forbidden"
  | "plan_required"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "last_admin"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "credits_exhausted"
  | "internal_error"
  | "service_unavailable";

const STATUS: Record<ErrorKind, number> = {
  invalid_parameter: 400,
  invalid_body: 400,
  corrupt_gzip: 400,
  unauthorized: 401,
  forbidden: 403,
  plan_required: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  last_admin: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  credits_exhausted: 429,
  internal_error: 500,
  service_unavailable: 503,
};

export interface ErrorDetail {
  field?: string;
  message: string;
}

export class HttpError extends Error {
  readonly status: number;
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "HttpError";
    this.status = STATUS[kind];
  }
}

export const notFound = (what = "Resource") => new HttpError("not_found", `${what} not found`);
export const badParameter = (name: string, message: string) =>
  new HttpError("invalid_parameter", `Invalid parameter '${name}': ${message}`, [{ field: name, message }]);
export const forbidden = (message = "You do not have permission to do this") => new HttpError("forbidden", message);
export const unauthorized = (message = "Missing or invalid credentials") => new HttpError("unauthorized", message);
