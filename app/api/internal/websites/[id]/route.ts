// Dashboard-only: rename or remove a website (admins).
import { z } from "zod";
import { route, methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { uuid } from "@/lib/http/schemas";
import { deleteWebsite, renameWebsite, setAllowedOrigins } from "@/lib/web/website-admin";
import { allowedOriginsSchema } from "@/lib/web/collect-guard";
import { findWebsite, toWebsiteJson } from "@/lib/web/websites";

const findWebsiteJson = async (org: { id: string }, id: string) => toWebsiteJson(await findWebsite(org, id));

export const dynamic = "force-dynamic";

const params = z.object({ id: uuid });
const updateWebsiteBody = z
  .strictObject({
    name: z.string({ message: "must be a string" }).trim().min(1, { message: "is required" }).max(100, { message: "must be at most 100 characters" }).optional(),
    /** Origins whose pages may send events to /api/collect; [] allows any. */
    allowed_origins: allowedOriginsSchema.optional(),
  })
  .refine((b) => b.name !== undefined || b.allowed_origins !== undefined, { message: "send name or allowed_origins" });

export const PATCH = route({
  flavor: v1Flavor,
  auth: "session",
  role: "admin",
  params,
  body: updateWebsiteBody,
  handler: async ({ principal, params, body }) => {
    if (body.allowed_origins !== undefined) await setAllowedOrigins(principal.org, params.id, body.allowed_origins);
    return { data: body.name !== undefined ? await renameWebsite(principal.org, params.id, body.name) : await findWebsiteJson(principal.org, params.id) };
  },
});

export const DELETE = route({
  flavor: v1Flavor,
  auth: "session",
  role: "admin",
  params,
  handler: async ({ principal, params }) => {
    await deleteWebsite(principal.org, params.id);
    return new Response(null, { status: 204 });
  },
});

export const { GET, POST, PUT } = methodsNotAllowed(v1Flavor, ["PATCH", "DELETE"]);
