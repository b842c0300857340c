// The JSON ingest endpoints (/api/v1/providers/{id}/costs and …/metrics) differ only in
// their definition (body schema), what they write and what they report; the rest is shared here.
import type { z } from "zod";
import type { Endpoint } from "@/lib/http/endpoint";
import { handle } from "@/lib/http/handle";
import type { Infer } from "@/lib/http/route";
import type { ingestQuery, providerIdParams } from "@/lib/ingest/schemas";
import { withIdempotency } from "./idempotency";
import { enforceOrgWriteLimit } from "@/lib/org/rate-limit";
import { detectionAfterIngest } from "./redetect";

type IngestEndpoint<BS extends z.ZodType, RS extends z.ZodType> = Endpoint<"cloudV1", typeof providerIdParams, typeof ingestQuery, BS, RS>;

export function ingestRoute<BS extends z.ZodType, RS extends z.ZodType, R>(
  endpoint: IngestEndpoint<BS, RS>,
  opts: {
    ingest: (orgId: string, providerId: number, body: Infer<BS>) => Promise<R>;
    present: (result: R) => Record<string, unknown>;
  },
) {
  return handle(
    endpoint,
    async ({ request, principal, params, query, body }) =>
      // The idempotency scope names the concrete URL, e.g. "POST /api/v1/providers/12/costs".
      withIdempotency(request, principal.org.id, `${endpoint.method} ${endpoint.path.replace("{id}", String(params.id))}`, body, async () => {
        const result = await opts.ingest(principal.org.id, params.id, body);
        const detection = await detectionAfterIngest(principal.org.id, query.detect ?? false);
        return { status: 200, body: { data: { ...opts.present(result), detection } } };
      }),
    { before: enforceOrgWriteLimit },
  );
}
