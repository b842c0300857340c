import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { principalFromSession } from "@/lib/auth/principal";
import { safeCallbackUrl } from "@/lib/client/callback-url";
import { LoginForm } from "@/components/login-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await principalFromSession()) redirect(callbackUrl);
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <p className="mb-6 text-center text-2xl font-semibold tracking-tight">
          <span aria-hidden="true" className="text-indigo-600">◆ </span>Bandwatch
        </p>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
          <LoginForm callbackUrl={callbackUrl} expired={params.error === "SessionRequired"} />
        </div>
      </div>
    </main>
  );
}
