// Shared pieces of the external API's handlers (/api/external/v1).
import type { Principal } from "@/lib/auth/principal";
import { HttpError } from "@/lib/http/errors";
import { enforceRateLimit } from "@/lib/org/rate-limit";
import { successEnvelope } from "@/lib/http/endpoint";

export const PAID_PLANS = ["pro", "business"];

/** `before` hook: optional plan gate, then the per-key rate limit (its headers go on every answer). */
export function externalGate(opts: { paidPlanOnly: boolean }) {
  return async ({ principal }: { principal: Principal }): Promise<Record<string, string>> => {
    if (opts.paidPlanOnly && !PAID_PLANS.includes(principal.org.plan)) {
      throw new HttpError("plan_required", "This endpoint requires a Pro plan or higher");
    }
    const bucket = principal.kind === "apiKey" ? `apikey:${principal.apiKeyId}` : `user:${principal.userId}`;
    return enforceRateLimit(bucket);
  };
}

/** The spec's success envelope, for answers that carry headers of their own (route handlers otherwise return just the data). */
export function ok<T>(data: T, headers: Record<string, string> = {}): Response {
  return Response.json(successEnvelope(data), { headers });
}
