import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/**
 * Liveness and database reachability, for load balancers and the test harness. It is
 * public, so it says nothing about the deployment (no engine, no version, no error text).
 */
export async function GET() {
  try {
    await db().organization.count();
    return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503, headers: { "cache-control": "no-store", "retry-after": "5" } });
  }
}
