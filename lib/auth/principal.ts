// Who is calling: an API key (acts for its organization) or a signed-in user (acts
// with their role). Every domain service takes the organization from here.
import { getServerSession } from "next-auth";
import { db } from "@/lib/db/client";
import { authOptions } from "./options";
import { authenticateApiKey, readBearer } from "./api-keys";

export type Role = "admin" | "analyst";

export interface OrgRef {
  id: string;
  slug: string;
  plan: string;
}

export type Principal =
  | { kind: "apiKey"; org: OrgRef; apiKeyId: string; prefix: string; label: string }
  | { kind: "user"; org: OrgRef; userId: string; email: string; role: Role; label: string };

export async function principalFromApiKey(key: string | null): Promise<Principal | null> {
  if (!key) return null;
  const found = await authenticateApiKey(key);
  if (!found) return null;
  return { kind: "apiKey", org: found.org, apiKeyId: found.apiKeyId, prefix: found.prefix, label: `api-key:${found.prefix}` };
}

export async function principalFromHeaders(headers: Headers, opts: { allowXApiKey?: boolean } = {}): Promise<Principal | null> {
  const key = readBearer(headers.get("authorization")) ?? (opts.allowXApiKey ? headers.get("x-api-key")?.trim() || null : null);
  return principalFromApiKey(key);
}

/** The signed-in user, re-checked against the database (a removed membership ends access at once). */
export async function principalFromSession(): Promise<Principal | null> {
  const session = await getServerSession(authOptions);
  const user = session?.user as { id?: string; orgId?: string } | undefined;
  if (!user?.id || !user.orgId) return null;
  const membership = await db().membership.findUnique({
    where: { orgId_userId: { orgId: user.orgId, userId: user.id } },
    include: { org: { select: { id: true, slug: true, plan: true } }, user: { select: { email: true } } },
  });
  if (!membership) return null;
  return {
    kind: "user",
    org: membership.org,
    userId: user.id,
    email: membership.user.email,
    role: membership.role === "admin" ? "admin" : "analyst",
    label: membership.user.email,
  };
}

/** API keys act for the whole organization, with admin rights on its anomalies. */
export function hasRole(principal: Principal, role: Role): boolean {
  if (principal.kind === "apiKey") return true;
  return role === "analyst" || principal.role === "admin";
}
