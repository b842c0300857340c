// Dashboard-only (session cookie): list and create the organization's API keys.
import { z } from "zod";
import { route, methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { issueApiKey, listApiKeys } from "@/lib/org/api-keys";

export const dynamic = "force-dynamic";

const createApiKeyBody = z.strictObject({
  name: z.string({ message: "must be a string" }).trim().min(1, { message: "is required" }).max(100, { message: "must be at most 100 characters" }),
});

export const GET = route({
  flavor: v1Flavor,
  auth: "session",
  handler: async ({ principal }) => ({ data: await listApiKeys(principal.org) }),
});

export const POST = route({
  flavor: v1Flavor,
  auth: "session",
  role: "admin",
  body: createApiKeyBody,
  handler: async ({ principal, body }) => Response.json({ data: await issueApiKey(principal.org, body.name) }, { status: 201 }),
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed(v1Flavor, ["GET", "POST"]);
