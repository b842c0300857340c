// Dashboard-only: list and add the organization's cloud providers.
import { z } from "zod";
import { route, methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { PROVIDER_KINDS } from "@/lib/cloud/schemas";
import { createProvider, listProviders } from "@/lib/cloud/providers";

export const dynamic = "force-dynamic";

const createProviderBody = z.strictObject({
  kind: z.enum(PROVIDER_KINDS, { message: `must be one of: ${PROVIDER_KINDS.join(", ")}` }),
  name: z.string({ message: "must be a string" }).trim().min(1, { message: "is required" }).max(100, { message: "must be at most 100 characters" }),
  account_id: z.string().trim().max(100, { message: "must be at most 100 characters" }).optional().nullable(),
  currency: z.string().trim().regex(/^[A-Z]{3}$/, { message: "must be a 3-letter currency code" }).optional(),
});

export const GET = route({
  flavor: v1Flavor,
  auth: "session",
  handler: async ({ principal }) => ({ data: await listProviders(principal.org) }),
});

export const POST = route({
  flavor: v1Flavor,
  auth: "session",
  role: "admin",
  body: createProviderBody,
  handler: async ({ principal, body }) =>
    Response.json(
      { data: await createProvider(principal.org, { kind: body.kind, name: body.name, accountId: body.account_id || null, currency: body.currency }) },
      { status: 201 },
    ),
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed(v1Flavor, ["GET", "POST"]);
