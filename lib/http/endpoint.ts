// One definition per API operation: method, path, family (which binds auth and error
// shape), role, the zod schemas of params/query/body/response, and what the reference
// says about it. Route files build their handlers from these (lib/http/handle.ts), the
// OpenAPI document is generated from them (lib/openapi/document.ts), and the dashboard's
// fetchers take their response types from them (ResponseOf). Pure data: safe to import
// from anywhere, including type-only imports in client code.
import type { z } from "zod";
import type { Role } from "@/lib/auth/principal";
import type { ApiKeyScope } from "@/lib/vocabulary";
import { externalFlavor, v1Flavor, type ErrorFlavor } from "./flavors";
import type { AuthMode } from "./route";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type SecurityScheme = "bearer" | "xApiKey" | "session";
export type Tag = "Cloud anomalies" | "Ingest" | "Website analytics" | "Collection" | "Meta" | "Dashboard" | "Administration";

export interface ApiFamily {
  /** Which credentials the family's routes accept. */
  readonly auth: AuthMode;
  /** The error shape every answer of the family uses. */
  readonly flavor: ErrorFlavor;
  readonly security: readonly SecurityScheme[];
  /** Whether its operations appear in /api/openapi.json (the dashboard's own routes do not). */
  readonly published: boolean;
  readonly tag: Tag;
  /** Error answers any operation of the family can give, documented on each of them. */
  readonly errors: Readonly<Record<number, string>>;
  /** Success bodies go out as `{ success: true, data, timestamp }` (the zenovay spec); handlers return just the data. */
  readonly envelope: boolean;
}

/** The external API's success envelope around a handler's data. */
export function successEnvelope<T>(data: T): { success: true; data: T; timestamp: string } {
  return { success: true, data, timestamp: new Date().toISOString() };
}

const V1_ERRORS = {
  400: "Invalid parameter or body (the code and details name the field)",
  401: "Missing or invalid credentials",
  403: "Not allowed (the user's role or the API key's scope)",
  404: "Not found",
  405: "Method not allowed",
  500: "Internal error (no stack trace; a request id in the message)",
};

const EXTERNAL_ERRORS = {
  400: "Invalid parameters",
  401: "Invalid or missing API key",
  403: "Plan required",
  404: "Website not found",
  405: "Method not allowed",
  500: "Internal error (no stack trace; a request id in the message)",
};

/** The API families: one place binds each family's auth and error shape. */
export const FAMILIES = {
  /** Cloud anomalies API (/api/v1): Bearer API key, else the dashboard session; infraaudit error shape. */
  cloudV1: { auth: "apiKeyOrSession", flavor: v1Flavor, security: ["bearer", "session"], published: true, tag: "Cloud anomalies", errors: V1_ERRORS, envelope: false },
  /** Website analytics API (/api/external/v1): X-API-Key or Bearer; zenovay error shape. */
  external: { auth: "apiKeyOrXApiKey", flavor: externalFlavor, security: ["xApiKey", "bearer"], published: true, tag: "Website analytics", errors: EXTERNAL_ERRORS, envelope: true },
  /** The invitation page's accept route: no credentials needed (the token is the credential). */
  invitation: { auth: "none", flavor: v1Flavor, security: [], published: false, tag: "Dashboard", errors: V1_ERRORS, envelope: false },
  /** The dashboard's own routes (/api/internal): session cookie only. */
  internal: { auth: "session", flavor: v1Flavor, security: ["session"], published: false, tag: "Dashboard", errors: V1_ERRORS, envelope: false },
  /** Event collection (/api/collect): public, the body names the website. */
  collect: { auth: "none", flavor: v1Flavor, security: [], published: true, tag: "Collection", errors: {}, envelope: false },
  /** The API's own description (/api/openapi.json). */
  meta: { auth: "none", flavor: v1Flavor, security: [], published: true, tag: "Meta", errors: {}, envelope: false },
} as const satisfies Record<string, ApiFamily>;

export type FamilyName = keyof typeof FAMILIES;
export type FamilyAuth<F extends FamilyName> = (typeof FAMILIES)[F]["auth"];

export interface ResponseDoc {
  description: string;
  schema?: z.ZodType;
  /** Extra media types (e.g. text/csv), documented as plain strings. */
  alsoAs?: readonly string[];
  /** Response headers and their descriptions. */
  headers?: Readonly<Record<string, string>>;
}

export interface SuccessResponse<RS> extends Omit<ResponseDoc, "schema"> {
  /** Default 200; a handler returning a plain object is answered with this status. */
  status?: number;
  /** The JSON body; a handler's plain-object return is type-checked against it. */
  schema?: RS;
}

type Schema = z.ZodType | undefined;

export interface Endpoint<F extends FamilyName = FamilyName, PS extends Schema = Schema, QS extends Schema = Schema, BS extends Schema = Schema, RS extends Schema = Schema> {
  readonly family: F;
  readonly method: HttpMethod;
  /** OpenAPI-style path: `/api/v1/anomalies/{id}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  /** Defaults to the family's tag. */
  readonly tag?: Tag;
  /** Role a signed-in user needs (API keys need a scope instead: `scope`). */
  readonly role?: Role;
  /** Scope an API key needs; derived when absent (see requiredScope). */
  readonly scope?: ApiKeyScope;
  readonly params?: PS;
  readonly query?: QS;
  /** A JSON body, parsed and validated before the handler runs. */
  readonly body?: BS;
  /** Largest accepted JSON body in bytes (default 1 MiB). */
  readonly maxBodyBytes?: number;
  /** A body the handler streams itself (uploads): documented, not parsed. */
  readonly streamedBody?: { schema: z.ZodType; contentTypes: readonly string[] };
  /** Request headers worth documenting (e.g. Idempotency-Key). */
  readonly headers?: ReadonlyArray<{ name: string; description: string; required?: boolean }>;
  readonly response: SuccessResponse<RS>;
  /**
   * The JSON answer carries an ETag (hash of its bytes) and `Cache-Control: private, no-cache`,
   * and a matching If-None-Match is answered 304 with no body (lib/http/conditional.ts).
   */
  readonly conditional?: boolean;
  /** Answers beyond the success and the family's errors (e.g. 409, 413). */
  readonly responses?: Readonly<Record<number, ResponseDoc>>;
}

/** Identity at runtime; at compile time it keeps the exact schema types for handle() and ResponseOf. */
export function defineEndpoint<F extends FamilyName, PS extends Schema = undefined, QS extends Schema = undefined, BS extends Schema = undefined, RS extends Schema = undefined>(
  endpoint: Endpoint<F, PS, QS, BS, RS>,
): Endpoint<F, PS, QS, BS, RS> {
  return endpoint;
}

/**
 * The API key scope an operation needs: its own `scope`, else read for GETs, write for the
 * Ingest operations, admin for every other write (dismiss, settings).
 */
export function requiredScope(endpoint: Pick<Endpoint, "method" | "scope" | "tag">): ApiKeyScope {
  if (endpoint.scope) return endpoint.scope;
  if (endpoint.method === "GET") return "read";
  return endpoint.tag === "Ingest" ? "write" : "admin";
}

/** The JSON body a successful call answers with, for client fetchers. */
export type ResponseOf<E> = E extends Endpoint<FamilyName, Schema, Schema, Schema, infer RS> ? (RS extends z.ZodType ? z.output<RS> : never) : never;

/** What a client sends as the JSON body. */
export type BodyOf<E> = E extends Endpoint<FamilyName, Schema, Schema, infer BS, Schema> ? (BS extends z.ZodType ? z.input<BS> : never) : never;

/** The `data` of an `{ data }` answer: what most dashboard fetchers hand on. */
export type DataOf<E> = ResponseOf<E> extends { data: infer D } ? D : never;

/** What a resource's operation still says itself: the builder supplies family, method, path and params. */
type OperationSpec<F extends FamilyName, QS extends Schema, BS extends Schema, RS extends Schema> = Omit<Endpoint<F, undefined, QS, BS, RS>, "family" | "method" | "path" | "params">;

/** An operation on one item; `at` puts it below the item (`"settings"` → `…/{id}/settings`). */
type ItemSpec<F extends FamilyName, QS extends Schema, BS extends Schema, RS extends Schema> = OperationSpec<F, QS, BS, RS> & { at?: string };

type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

export interface ResourceDefinition<F extends FamilyName, P extends z.ZodType<{ id: unknown }>> {
  family: F;
  /** The collection's path, `/api/v1/monitors`; one item is `{path}/{id}`. */
  path: string;
  /** The `{id}` path parameter's schema (it decides what is a 400 rather than a 404). */
  params: P;
  /** The role a signed-in user needs for every write (reads need none unless the operation says so). */
  writeRole: Role;
}

/** The usual answer of a DELETE: no body. */
const REMOVED = { status: 204, description: "Removed" } as const;

/**
 * The list / get / create / update / remove / action operations of one resource, so each
 * definition says only what is its own (operationId, summary, schemas). The shape of the
 * REST resource lives here: GET and POST on the collection, GET, PATCH and DELETE on
 * `{path}/{id}`, POST on `{path}/{id}/{action}`; every write needs `writeRole`; a create
 * answers 201 and a remove 204 "Removed" unless the operation says otherwise.
 * Each method returns a plain `Endpoint`, exactly what `defineEndpoint` would.
 */
export function defineResource<F extends FamilyName, P extends z.ZodType<{ id: unknown }>>(resource: ResourceDefinition<F, P>) {
  const { family, path, params, writeRole } = resource;
  const itemPath = (at: string | undefined) => `${path}/{id}${at ? `/${at}` : ""}`;
  const onItem = <QS extends Schema, BS extends Schema, RS extends Schema>(method: HttpMethod, { at, ...spec }: ItemSpec<F, QS, BS, RS>, role?: Role) =>
    defineEndpoint<F, P, QS, BS, RS>({ ...(role ? { role } : {}), ...spec, family, method, path: itemPath(at), params });
  return {
    list: <QS extends Schema = undefined, RS extends Schema = undefined>(spec: OperationSpec<F, QS, undefined, RS>) =>
      defineEndpoint<F, undefined, QS, undefined, RS>({ ...spec, family, method: "GET", path }),
    create: <QS extends Schema = undefined, BS extends Schema = undefined, RS extends Schema = undefined>(spec: OperationSpec<F, QS, BS, RS>) =>
      defineEndpoint<F, undefined, QS, BS, RS>({ role: writeRole, ...spec, family, method: "POST", path, response: { status: 201, ...spec.response } }),
    get: <QS extends Schema = undefined, RS extends Schema = undefined>(spec: ItemSpec<F, QS, undefined, RS>) => onItem("GET", spec),
    update: <QS extends Schema = undefined, BS extends Schema = undefined, RS extends Schema = undefined>(spec: ItemSpec<F, QS, BS, RS>) => onItem("PATCH", spec, writeRole),
    remove: <QS extends Schema = undefined, BS extends Schema = undefined, RS extends Schema = undefined>(spec: Optional<ItemSpec<F, QS, BS, RS>, "response">) =>
      onItem("DELETE", { response: REMOVED, ...spec }, writeRole),
    action: <QS extends Schema = undefined, BS extends Schema = undefined, RS extends Schema = undefined>(at: string, spec: OperationSpec<F, QS, BS, RS>) =>
      onItem("POST", { ...spec, at }, writeRole),
  };
}
