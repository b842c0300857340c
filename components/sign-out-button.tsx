"use client";
import { fetchCsrfToken } from "@/lib/client/session";
import { buttonSmall } from "./styles";

/**
 * Signs out through next-auth's own endpoints (CSRF token, then POST /api/auth/signout), the
 * same two requests `signOut()` from next-auth/react makes, without shipping that module
 * (about 5 KB gzip) to every dashboard page for one button.
 */
async function signOut(callbackUrl: string): Promise<void> {
  try {
    const csrfToken = await fetchCsrfToken();
    await fetch("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
      body: new URLSearchParams({ csrfToken: csrfToken ?? "", callbackUrl, json: "true" }),
    });
  } finally {
    // Leave the page whatever happened: a failed sign-out lands on /login, which shows whether the session is still there.
    window.location.href = callbackUrl;
  }
}

export function SignOutButton() {
  return (
    <button type="button" className={buttonSmall} onClick={() => void signOut("/login")}>
      Sign out
    </button>
  );
}
