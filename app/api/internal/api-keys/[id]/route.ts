// Dashboard-only: revoke one API key (admins).
import { route, methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { uuid } from "@/lib/http/schemas";
import { z } from "zod";
import { revokeApiKeyById } from "@/lib/org/api-keys";

export const dynamic = "force-dynamic";

export const DELETE = route({
  flavor: v1Flavor,
  auth: "session",
  role: "admin",
  params: z.object({ id: uuid }),
  handler: async ({ principal, params }) => ({ data: await revokeApiKeyById(principal.org, params.id) }),
});

export const { GET, POST, PUT, PATCH } = methodsNotAllowed(v1Flavor, ["DELETE"]);
