// The one wrapper every route handler goes through: authentication, zod validation
// of path params / query / body, and typed errors rendered in the API's error shape.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { HttpError, forbidden, unauthorized, type ErrorDetail } from "./errors";
import type { ErrorFlavor } from "./flavors";
import { isCrossSiteWrite } from "./origin";
import { parseWellFormedJson } from "./well-formed";
import { mayCall, principalFromHeaders, principalFromSession, type Principal, type Role } from "@/lib/auth/principal";
import type { ApiKeyScope } from "@/lib/vocabulary";

export type AuthMode =
  | "none"
  | "apiKey" // Authorization: Bearer only
  | "apiKeyOrXApiKey" // Bearer or X-API-Key
  | "session" // dashboard cookie only
  | "apiKeyOrSession"; // Bearer, else the dashboard session

type Schema = z.ZodType;
export type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;
export type PrincipalFor<A extends AuthMode> = A extends "none" ? null : Principal;

export interface RouteContext<A extends AuthMode, P, Q, B> {
  request: Request;
  principal: PrincipalFor<A>;
  params: P;
  query: Q;
  body: B;
  requestId: string;
}

export interface RouteConfig<A extends AuthMode, PS, QS, BS> {
  flavor: ErrorFlavor;
  auth: A;
  /** Role a signed-in user needs. */
  role?: Role;
  /** Scope an API key needs (default: read for GET, else admin). */
  scope?: ApiKeyScope;
  params?: PS;
  query?: QS;
  body?: BS;
  /** Largest accepted body in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** Runs after auth, before validation (e.g. plan gates, rate limits); may add response headers. */
  before?: (ctx: { request: Request; principal: PrincipalFor<A> }) => Promise<Record<string, string> | void>;
  handler: (ctx: RouteContext<A, Infer<PS>, Infer<QS>, Infer<BS>>) => Promise<Response | object>;
}

type NextRouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

const DEFAULT_MAX_BODY = 1024 * 1024;

export function zodDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join(".") : undefined,
    message: issue.message,
  }));
}

function firstValues(search: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of search) if (!(key in out)) out[key] = value;
  return out;
}

function validate<S extends Schema>(schema: S, input: unknown, what: "parameter" | "body"): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = zodDetails(result.error);
  const first = details[0];
  if (what === "parameter") {
    const name = first?.field ?? "query";
    throw new HttpError("invalid_parameter", `Invalid parameter '${name}': ${first?.message ?? "invalid value"}`, details);
  }
  const where = first?.field ? ` at '${first.field}'` : "";
  throw new HttpError("invalid_body", `Invalid request body${where}: ${first?.message ?? "invalid value"}`, details);
}

const tooLarge = (maxBytes: number) => new HttpError("payload_too_large", `Request body is larger than ${maxBytes} bytes`);

/**
 * Reads the body, counting bytes as they arrive: a chunked body (no Content-Length) of
 * any size is refused with 413 as soon as it passes the limit, never buffered whole.
 */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Buffer> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (true) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch {
      throw new HttpError("invalid_body", "The request body could not be read (connection closed or malformed encoding)");
    }
    if (next.done) break;
    total += next.value.byteLength;
    if (total > maxBytes) {
      // Stop reading; what the client still sends is discarded by the server.
      void reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(next.value);
  }
  return Buffer.concat(chunks, total);
}

export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const text = (await readBodyBytes(request, maxBytes)).toString("utf8");
  if (!text.trim()) return undefined;
  // Lenient about Content-Type (clients often omit it), strict about the JSON itself.
  try {
    return parseWellFormedJson(text);
  } catch {
    throw new HttpError("invalid_body", "Malformed JSON in request body");
  }
}

async function authenticate(mode: AuthMode, request: Request): Promise<Principal | null> {
  if (mode === "none") return null;
  if (mode === "session") return principalFromSession();
  const hasKeyHeader = request.headers.has("authorization") || (mode === "apiKeyOrXApiKey" && request.headers.has("x-api-key"));
  if (hasKeyHeader) return principalFromHeaders(request.headers, { allowXApiKey: mode === "apiKeyOrXApiKey" });
  if (mode === "apiKeyOrSession") return principalFromSession();
  return null;
}

export function errorResponse(flavor: ErrorFlavor, error: HttpError, headers?: Record<string, string>): Response {
  return Response.json(flavor.render(error), {
    status: error.status,
    headers: { "cache-control": "no-store", ...headers, ...error.headers },
  });
}

/**
 * The database was busy rather than broken: SQLite's lock held by another process past the
 * busy timeout (the driver reports it as a socket timeout), a transaction that could not
 * start in time, or a PostgreSQL serialization conflict. The client should simply retry.
 */
export function isDatabaseBusy(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = "code" in error ? String(error.code) : "";
  if (["P1008", "P2028", "P2034", "SQLITE_BUSY", "SQLITE_LOCKED"].includes(code)) return true;
  const message = error instanceof Error ? error.message : "";
  return /database is locked|SQLITE_BUSY|SocketTimeout|Unable to start a transaction in the given time|Transaction already closed/i.test(message);
}

export const serviceUnavailable = (message = "The database is busy; retry shortly", retryAfterSeconds = 1) =>
  new HttpError("service_unavailable", message, undefined, { "Retry-After": String(retryAfterSeconds) });

export function toHttpError(error: unknown, requestId: string): HttpError {
  if (error instanceof HttpError) return error;
  if (isDatabaseBusy(error)) {
    console.warn(`[${requestId}] database busy`, error instanceof Error ? error.message : error);
    return serviceUnavailable();
  }
  console.error(`[${requestId}] unhandled error`, error);
  return new HttpError("internal_error", `Internal server error (request ${requestId})`);
}

export function route<A extends AuthMode, PS extends Schema | undefined = undefined, QS extends Schema | undefined = undefined, BS extends Schema | undefined = undefined>(
  config: RouteConfig<A, PS, QS, BS>,
) {
  return async function handle(request: Request, context?: NextRouteContext): Promise<Response> {
    const requestId = randomUUID();
    let extraHeaders: Record<string, string> = {};
    try {
      const principal = (await authenticate(config.auth, request)) as PrincipalFor<A>;
      if (config.auth !== "none" && !principal) throw unauthorized();
      if (principal?.kind === "user" && isCrossSiteWrite(request)) throw forbidden("Cross-site requests are not allowed");
      if (principal && !mayCall(principal, { role: config.role, scope: config.scope ?? (request.method === "GET" ? "read" : "admin") })) {
        throw forbidden(principal.kind === "apiKey" ? `This API key's scope (${principal.scope}) does not allow this action` : `This action requires the ${config.role} role`);
      }
      if (config.before) extraHeaders = (await config.before({ request, principal })) ?? {};
      const rawParams = context ? await context.params : {};
      const params = config.params ? validate(config.params, rawParams, "parameter") : undefined;
      const query = config.query ? validate(config.query, firstValues(new URL(request.url).searchParams), "parameter") : undefined;
      let body: unknown;
      if (config.body) {
        const raw = await readJsonBody(request, config.maxBodyBytes ?? DEFAULT_MAX_BODY);
        body = validate(config.body, raw ?? {}, "body");
      }
      const result = await config.handler({
        request,
        principal,
        params: params as Infer<PS>,
        query: query as Infer<QS>,
        body: body as Infer<BS>,
        requestId,
      });
      const response = result instanceof Response ? result : Response.json(result);
      for (const [k, v] of Object.entries(extraHeaders)) response.headers.set(k, v);
      if (!response.headers.has("cache-control")) response.headers.set("cache-control", "no-store");
      return response;
    } catch (error) {
      return errorResponse(config.flavor, toHttpError(error, requestId), extraHeaders);
    }
  };
}

const ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof ALL_METHODS)[number];

/**
 * Handlers for the methods a URL does not support, so a 405 carries the API's error
 * shape and an Allow header (Next's automatic 405 has an empty body).
 * Route files use rejectOtherMethods (lib/http/handle.ts), which takes the flavor from the family.
 */
export function methodsNotAllowed(flavor: ErrorFlavor, allowed: Method[]): Record<Method, (request: Request) => Promise<Response>> {
  const allow = [...allowed, "OPTIONS", "HEAD"].join(", ");
  const reject = async (request: Request) =>
    errorResponse(flavor, new HttpError("method_not_allowed", `Method ${request.method} is not allowed here; use ${allowed.join(" or ")}`), { allow });
  return Object.fromEntries(ALL_METHODS.map((m) => [m, reject])) as Record<Method, (request: Request) => Promise<Response>>;
}
