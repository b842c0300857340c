// Dashboard-only: list and add the organization's websites.
import { z } from "zod";
import { route, methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { listWebsites } from "@/lib/web/anomalies";
import { createWebsite, toWebsiteJson } from "@/lib/web/websites";

export const dynamic = "force-dynamic";

const createWebsiteBody = z.strictObject({
  domain: z.string({ message: "must be a string" }).trim().min(1, { message: "is required" }).max(253, { message: "must be at most 253 characters" }),
  name: z.string().trim().max(100, { message: "must be at most 100 characters" }).optional().nullable(),
  timezone: z.string().trim().max(64, { message: "must be at most 64 characters" }).optional().nullable(),
});

export const GET = route({
  flavor: v1Flavor,
  auth: "session",
  handler: async ({ principal }) => ({ data: await listWebsites(principal.org) }),
});

export const POST = route({
  flavor: v1Flavor,
  auth: "session",
  role: "admin",
  body: createWebsiteBody,
  handler: async ({ principal, body }) => Response.json({ data: toWebsiteJson(await createWebsite(principal.org, body)) }, { status: 201 }),
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed(v1Flavor, ["GET", "POST"]);
