import { handle } from "@/lib/http/handle";
import { healthLiveEndpoint } from "@/lib/openapi/endpoints";

export const dynamic = "force-dynamic";

/** Liveness only: no database, so a slow or locked database never gets the process restarted. */
export const GET = handle(healthLiveEndpoint, async () => ({ status: "ok" as const }));
