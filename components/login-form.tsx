"use client";
import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { InlineError } from "./feedback";
import { buttonPrimary } from "./styles";
import { TextField } from "./ui/field";

export function LoginForm({ callbackUrl, expired }: { callbackUrl: string; expired?: boolean }) {
  const [error, setError] = useState<string | null>(expired ? "Your session has ended. Sign in again." : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        redirect: false,
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        callbackUrl,
      });
      if (!result || result.error) {
        setError(
          result?.error === "TooManyAttempts"
            ? "Too many sign-in attempts. Wait a few minutes and try again."
            : result?.error === "CredentialsSignin" || !result
              ? "Email or password is incorrect."
              : "Sign-in failed. Try again.",
        );
        setPending(false);
        return;
      }
      // A full navigation so every server component renders with the new session.
      window.location.assign(callbackUrl);
    } catch {
      setError("Could not reach the server. Try again.");
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <TextField id="email" label="Email" name="email" type="email" autoComplete="username" required autoFocus />
      <TextField id="password" label="Password" name="password" type="password" autoComplete="current-password" required />
      {error ? <InlineError>{error}</InlineError> : null}
      <button type="submit" disabled={pending} className={`${buttonPrimary} w-full`}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
