// Server-side gate for every dashboard page: a signed-in member of an organization,
// re-checked against the database on each render (the proxy only looks at the cookie).
import { redirect } from "next/navigation";
import { principalFromSession, type Principal } from "@/lib/auth/principal";
import { loginUrl } from "@/lib/client/callback-url";

export type UserPrincipal = Extract<Principal, { kind: "user" }>;

export async function requireUser(currentPath: string): Promise<UserPrincipal> {
  const principal = await principalFromSession();
  if (!principal || principal.kind !== "user") redirect(loginUrl(currentPath));
  return principal;
}

/** Rebuilds "/path?query" from a page's searchParams for the login redirect. */
export function pathWithSearch(pathname: string, searchParams: Record<string, string | string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    if (typeof value === "string") search.set(key, value);
    else if (Array.isArray(value) && value[0] !== undefined) search.set(key, value[0]);
  }
  const query = search.toString();
  return query ? `${pathname}?${query}` : pathname;
}

/** First value of a search parameter (Next gives arrays for repeated keys). */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
