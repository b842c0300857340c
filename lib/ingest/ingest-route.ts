// The JSON ingest endpoints (/api/v1/providers/{id}/costs and …/metrics) differ only in
// their body schema, what they write and what they report; the rest is shared here.
import type { z } from "zod";
import { route } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { ingestQuery, providerIdParams } from "@/lib/ingest/schemas";
import { withIdempotency } from "./idempotency";
import { enforceOrgWriteLimit } from "@/lib/org/rate-limit";
import { detectionAfterIngest } from "./redetect";

export function ingestRoute<S extends z.ZodType, R>(opts: {
  resource: "costs" | "metrics";
  body: S;
  ingest: (orgId: string, providerId: number, body: z.output<S>) => Promise<R>;
  present: (result: R) => Record<string, unknown>;
}) {
  return route({
    flavor: v1Flavor,
    auth: "apiKeyOrSession",
    role: "admin",
    params: providerIdParams,
    query: ingestQuery,
    body: opts.body,
    maxBodyBytes: 4 * 1024 * 1024,
    before: enforceOrgWriteLimit,
    handler: async ({ request, principal, params, query, body }) =>
      withIdempotency(request, principal.org.id, `POST /api/v1/providers/${params.id}/${opts.resource}`, body, async () => {
        const result = await opts.ingest(principal.org.id, params.id, body as z.output<S>);
        const detection = await detectionAfterIngest(principal.org.id, query.detect ?? false);
        return { status: 200, body: { data: { ...opts.present(result), detection } } };
      }),
  });
}
