// POST /api/collect: events from the tracker (/tracker.js), backends, or Plausible-style
// snippets. Public (no key): the website id or domain says whose event it is.
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { collectEventsEndpoint } from "@/lib/web/endpoints";
import { CollectBackpressure, collectEvents } from "@/lib/web/collect";

export const dynamic = "force-dynamic";

// Pages on any origin post here (sendBeacon sends text/plain, which needs no preflight).
const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type",
  "Access-Control-Max-Age": "86400",
};

export const POST = handle(
  collectEventsEndpoint,
  async ({ request, body }) => {
    try {
      return await collectEvents(body, request.headers);
    } catch (error) {
      if (!(error instanceof CollectBackpressure)) throw error;
      // The write buffer is full: nothing was accepted, the sender should try again shortly.
      return Response.json(
        { error: { code: "unavailable", message: `The collector is busy; retry after ${error.retryAfterSeconds} s` } },
        { status: 503, headers: { ...CORS, "Retry-After": String(error.retryAfterSeconds), "cache-control": "no-store" } },
      );
    }
  },
  { before: async () => CORS },
);

export async function OPTIONS(): Promise<Response> {
  return new Response(null, { status: 204, headers: CORS });
}

export const { GET, PUT, PATCH, DELETE } = rejectOtherMethods(collectEventsEndpoint);
