// (Imported by client components only.) next-auth's session endpoints called directly, the
// same requests next-auth/react makes, without shipping that module (about 10 KB gzip with its
// Babel runtime) to every dashboard page: the header's organization switcher is on all of them.
import { ApiError } from "./api";

/** The CSRF token next-auth's POST endpoints want (what `getCsrfToken()` returns; undefined if it cannot be read). */
export async function fetchCsrfToken(): Promise<string | undefined> {
  try {
    const body: unknown = await (await fetch("/api/auth/csrf", { credentials: "same-origin" })).json();
    return typeof body === "object" && body !== null && "csrfToken" in body && typeof body.csrfToken === "string" ? body.csrfToken : undefined;
  } catch {
    return undefined; // the request that needs the token then fails, and says so
  }
}

/**
 * Moves the signed-in session to another organization: next-auth's session update (what its
 * `update()` sends), which the server's jwt callback accepts only for an organization the user
 * belongs to (lib/auth/switch-org.ts).
 */
export async function switchOrganization(orgId: string): Promise<void> {
  const csrfToken = await fetchCsrfToken();
  const response = await fetch("/api/auth/session", {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ csrfToken, data: { orgId } }),
  });
  if (!response.ok) throw new ApiError(response.status, "switch_failed", "Could not switch organization. Sign in again and retry.");
}
