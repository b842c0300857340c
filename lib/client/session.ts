// (Imported by client components only.) Moving the signed-in session to another organization:
// next-auth's session update (what its `update()` sends), which the server's jwt callback
// accepts only for an organization the user belongs to (lib/auth/switch-org.ts).
import { getCsrfToken } from "next-auth/react";
import { ApiError } from "./api";

export async function switchOrganization(orgId: string): Promise<void> {
  const csrfToken = await getCsrfToken();
  const response = await fetch("/api/auth/session", {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ csrfToken, data: { orgId } }),
  });
  if (!response.ok) throw new ApiError(response.status, "switch_failed", "Could not switch organization. Sign in again and retry.");
}
