// Dashboard-only: rename or remove a provider (admins). Removing deletes its data.
import { z } from "zod";
import { route, methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { anomalyIdParams } from "@/lib/cloud/schemas";
import { deleteProvider, renameProvider } from "@/lib/cloud/providers";

export const dynamic = "force-dynamic";

// Same integer-id rule as anomalies: "abc" or "0" is a 400, not a 404.
const providerIdParams = anomalyIdParams;

const renameProviderBody = z.strictObject({
  name: z.string({ message: "must be a string" }).trim().min(1, { message: "is required" }).max(100, { message: "must be at most 100 characters" }),
});

export const PATCH = route({
  flavor: v1Flavor,
  auth: "session",
  role: "admin",
  params: providerIdParams,
  body: renameProviderBody,
  handler: async ({ principal, params, body }) => ({ data: await renameProvider(principal.org, params.id, body.name) }),
});

export const DELETE = route({
  flavor: v1Flavor,
  auth: "session",
  role: "admin",
  params: providerIdParams,
  handler: async ({ principal, params }) => {
    await deleteProvider(principal.org, params.id);
    return new Response(null, { status: 204 });
  },
});

export const { GET, POST, PUT } = methodsNotAllowed(v1Flavor, ["PATCH", "DELETE"]);
