// Dashboard-only: a website's anomalies (same filters and shape as the external API,
// but authenticated by the session and free of API credits).
import { z } from "zod";
import { route, methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { uuid } from "@/lib/http/schemas";
import { listWebAnomaliesQuery } from "@/lib/web/schemas";
import { listWebAnomalies } from "@/lib/web/anomalies";

export const dynamic = "force-dynamic";

export const GET = route({
  flavor: v1Flavor,
  auth: "session",
  params: z.object({ id: uuid }),
  query: listWebAnomaliesQuery,
  handler: async ({ principal, params, query }) => ({ data: await listWebAnomalies(principal.org, params.id, query) }),
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(v1Flavor, ["GET"]);
