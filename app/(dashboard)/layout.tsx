import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { principalFromSession } from "@/lib/auth/principal";
import { MainNav } from "@/components/nav";
import { SignOutButton } from "@/components/sign-out-button";
import { OrgSwitcher } from "@/components/org-switcher";
import { listUserOrganizations } from "@/lib/org/members";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const principal = await principalFromSession();
  // Pages redirect with their own callbackUrl; this is the backstop.
  if (!principal || principal.kind !== "user") redirect("/login");
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-semibold tracking-tight">
            <span aria-hidden="true" className="text-indigo-600">◆ </span>Bandwatch
          </Link>
          <div className="order-3 w-full sm:order-2 sm:w-auto sm:flex-1">
            <MainNav />
          </div>
          <div className="order-2 ml-auto flex items-center gap-3 text-sm sm:order-3">
            <OrgSwitcher current={principal.org.id} organizations={await listUserOrganizations(principal.userId)} />
            <span className="hidden text-slate-600 md:inline" title={`${principal.org.slug} · ${principal.role}`}>
              {principal.email}
            </span>
            <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700" data-testid="role">
              {principal.role}
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
