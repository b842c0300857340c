import { route, methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { listProviders } from "@/lib/cloud/providers";

export const dynamic = "force-dynamic";

export const GET = route({
  flavor: v1Flavor,
  auth: "apiKeyOrSession",
  handler: async ({ principal }) => ({ data: await listProviders(principal.org) }),
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(v1Flavor, ["GET"]);
