"use client";
// Accepting an invitation: a new address chooses a name and password (then is signed in),
// a signed-in invitee just joins; either way the session opens the invited organization.
import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { apiFetch, errorMessage } from "@/lib/client/api";
import { switchOrganization } from "@/lib/client/session";
import type { acceptInvitationEndpoint } from "@/lib/org/endpoints";
import type { ResponseOf } from "@/lib/http/endpoint";
import { InlineError } from "./feedback";
import { buttonPrimary } from "./styles";
import { TextField } from "./ui/field";

export function InvitationForm({ token, email, orgId, newAccount }: { token: string; email: string; orgId: string; newAccount: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    const name = String(form.get("name") ?? "").trim();
    setPending(true);
    setError(null);
    try {
      await apiFetch<ResponseOf<typeof acceptInvitationEndpoint>>("/api/invitations/accept", {
        method: "POST",
        body: newAccount ? { token, password, ...(name ? { name } : {}) } : { token },
      });
      if (newAccount) {
        const result = await signIn("credentials", { redirect: false, email, password, orgId });
        if (!result || result.error) throw new Error("Your account was created, but signing in failed: sign in from the login page.");
      } else {
        await switchOrganization(orgId);
      }
      // A full navigation so every server component renders for the new organization.
      window.location.assign(window.location.origin);
    } catch (failure) {
      setError(errorMessage(failure));
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3">
      {newAccount ? (
        <>
          <TextField label="Your name" name="name" optional maxLength={100} autoComplete="name" />
          <TextField label="Choose a password" name="password" type="password" required minLength={8} maxLength={1024} autoComplete="new-password" />
        </>
      ) : null}
      {error ? <InlineError>{error}</InlineError> : null}
      <button type="submit" className={`${buttonPrimary} w-full`} disabled={pending}>
        {pending ? "Joining…" : "Accept invitation"}
      </button>
    </form>
  );
}
