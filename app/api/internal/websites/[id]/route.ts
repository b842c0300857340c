// Dashboard-only: rename or remove a website (admins).
import { z } from "zod";
import { route, methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { uuid } from "@/lib/schemas/common";
import { deleteWebsite, renameWebsite } from "@/app/(dashboard)/_server/website-admin";

export const dynamic = "force-dynamic";

const params = z.object({ id: uuid });
const renameWebsiteBody = z.strictObject({
  name: z.string({ message: "must be a string" }).trim().min(1, { message: "is required" }).max(100, { message: "must be at most 100 characters" }),
});

export const PATCH = route({
  flavor: v1Flavor,
  auth: "session",
  role: "admin",
  params,
  body: renameWebsiteBody,
  handler: async ({ principal, params, body }) => ({ data: await renameWebsite(principal.org, params.id, body.name) }),
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
