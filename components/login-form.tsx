"use client";
import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { buttonPrimary, inputClass, labelClass } from "./styles";

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
      <div>
        <label htmlFor="email" className={labelClass}>
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required autoFocus className={inputClass} />
      </div>
      <div>
        <label htmlFor="password" className={labelClass}>
          Password
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass} />
      </div>
      {error ? (
        <p role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className={`${buttonPrimary} w-full`}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
