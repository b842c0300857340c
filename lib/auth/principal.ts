// Who is calling: an API key (acts for its organization) or a signed-in user (acts
// with their role). Every domain service takes the organization from here.
import { getServerSession } from "next-auth";
import { db } from "@/lib/db/client";
import { authOptions } from "./options";
import { authenticateApiKey, readBearer } from "./api-keys";
import { scopeAllows } from "./scopes";
import type { ApiKeyScope } from "@/lib/vocabulary";

export type Role = "admin" | "analyst";

export interface OrgRef {
  id: string;
  slug: string;
  plan: string;
}

export type Principal =
  | { kind: "apiKey"; org: OrgRef; apiKeyId: string; prefix: string; label: string; scope: ApiKeyScope }
  | { kind: "user"; org: OrgRef; userId: string; email: string; role: Role; label: string };

export async function principalFromApiKey(key: string | null): Promise<Principal | null> {
  if (!key) return null;
  const found = await authenticateApiKey(key);
  if (!found) return null;
  return { kind: "apiKey", org: found.org, apiKeyId: found.apiKeyId, prefix: found.prefix, label: `api-key:${found.prefix}`, scope: found.scope };
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

/** The signed-in user's id and e-mail from the session cookie, whatever organization it points at (invitations). */
export async function sessionUser(): Promise<{ id: string; email: string } | null> {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: unknown } | undefined)?.id;
  if (typeof id !== "string") return null;
  return db().user.findUnique({ where: { id }, select: { id: true, email: true } });
}

/** An API key has the admin role only with the admin scope (keys from before scopes were migrated to admin). */
export function hasRole(principal: Principal, role: Role): boolean {
  if (principal.kind === "apiKey") return role === "analyst" || principal.scope === "admin";
  return role === "analyst" || principal.role === "admin";
}

/**
 * Whether the caller may use an operation: a user needs the operation's role, an API key its
 * scope (a write key ingests although users need the admin role for that).
 */
export function mayCall(principal: Principal, need: { role?: Role; scope: ApiKeyScope }): boolean {
  if (principal.kind === "apiKey") return scopeAllows(principal.scope, need.scope);
  return !need.role || hasRole(principal, need.role);
}
