// Builds route handlers from endpoint definitions: the definition's family picks the
// auth mode and error shape, its schemas validate the request, and its success status
// and response schema shape (and type-check) what the handler returns.
//   export const GET = handle(listAnomaliesEndpoint, async ({ principal, query }) => ({ data: ... }));
import type { z } from "zod";
import { FAMILIES, requiredScope, successEnvelope, type Endpoint, type FamilyAuth, type FamilyName } from "./endpoint";
import { cachedConditionalJson, conditionalJson } from "./conditional";
import { notFound } from "./errors";
import { errorResponse, methodsNotAllowed, route, type Infer, type PrincipalFor, type RouteContext } from "./route";

type Schema = z.ZodType | undefined;

/**
 * A handler may answer with a Response (CSV, custom headers) or with the documented JSON
 * body — in an enveloping family, with the envelope's `data` only. An operation documented
 * without a JSON body (a DELETE's 204) may return nothing: the success status, empty.
 */
type Reply<F extends FamilyName, RS extends Schema> = RS extends z.ZodType
  ? (typeof FAMILIES)[F]["envelope"] extends true
    ? z.input<RS> extends { data: infer D }
      ? D
      : never
    : z.input<RS>
  : void;

export interface HandleHooks<F extends FamilyName> {
  /** Runs after auth, before validation (plan gates, rate limits); may add response headers. */
  before?: (ctx: { request: Request; principal: PrincipalFor<FamilyAuth<F>> }) => Promise<Record<string, string> | void>;
}

export function handle<F extends FamilyName, PS extends Schema, QS extends Schema, BS extends Schema, RS extends Schema>(
  endpoint: Endpoint<F, PS, QS, BS, RS>,
  handler: (ctx: RouteContext<FamilyAuth<F>, Infer<PS>, Infer<QS>, Infer<BS>>) => Promise<Response | Reply<F, RS>>,
  hooks: HandleHooks<F> = {},
): (request: Request, context?: { params: Promise<Record<string, string | string[] | undefined>> }) => Promise<Response> {
  const family = FAMILIES[endpoint.family];
  const status = endpoint.response.status ?? 200;
  return route<FamilyAuth<F>, PS, QS, BS>({
    flavor: family.flavor,
    auth: family.auth,
    role: endpoint.role,
    scope: requiredScope(endpoint),
    params: endpoint.params,
    query: endpoint.query,
    body: endpoint.body,
    maxBodyBytes: endpoint.maxBodyBytes,
    before: hooks.before,
    handler: async (ctx) => {
      const body = async () => {
        const result = await handler(ctx);
        if (result instanceof Response) return result;
        if (result === undefined) return new Response(null, { status });
        return family.envelope ? successEnvelope(result) : result;
      };
      // The envelope's timestamp differs on every answer: nothing to cache or compare there.
      if (endpoint.conditional && ctx.principal && !family.envelope) return cachedConditionalJson(ctx.request, ctx.principal.org.id, status, body);
      const result = await body();
      if (result instanceof Response) return result;
      if (endpoint.conditional) return conditionalJson(ctx.request, result, status);
      return Response.json(result, { status });
    },
  });
}

/**
 * 405 handlers, in the family's error shape with an Allow header, for the methods the
 * given endpoints (all on one path) do not cover.
 *   export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(listAnomaliesEndpoint);
 */
export function rejectOtherMethods(first: Endpoint, ...rest: Endpoint[]) {
  for (const other of rest) {
    if (other.path !== first.path || other.family !== first.family) throw new Error(`rejectOtherMethods: ${other.method} ${other.path} is not on ${first.path}`);
  }
  return methodsNotAllowed(FAMILIES[first.family].flavor, [first, ...rest].map((e) => e.method));
}

/** The answer for unknown URLs under a family's prefix: a 404 in its error shape, not Next's HTML page. */
export function unknownEndpoint(family: FamilyName): () => Promise<Response> {
  return async () => errorResponse(FAMILIES[family].flavor, notFound("Endpoint"));
}
