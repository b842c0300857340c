import { db, dbProvider } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and the test harness. */
export async function GET() {
  try {
    await db().organization.count();
    return Response.json({ status: "ok", database: dbProvider() });
  } catch {
    return Response.json({ status: "unavailable", database: dbProvider() }, { status: 503 });
  }
}
