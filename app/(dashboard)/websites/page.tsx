import type { Metadata } from "next";
import Link from "next/link";
import { listWebAnomalies, listWebsites } from "@/lib/web/anomalies";
import { EmptyState } from "@/components/feedback";
import { cardClass } from "@/components/styles";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Websites" };
export const dynamic = "force-dynamic";

export default async function WebsitesPage() {
  const user = await requireUser("/websites");
  const websites = await listWebsites(user.org);
  const open = await Promise.all(
    websites.map((w) => listWebAnomalies(user.org, w.id, { range: "7d", resolved: false, limit: 1, offset: 0 }).then((page) => page.pagination.total)),
  );
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Websites</h1>
        <p className="text-sm text-slate-600">Hourly traffic, conversion, error and speed anomalies per site.</p>
      </div>
      <section className={cardClass} aria-label="Websites">
        {websites.length === 0 ? (
          <EmptyState title="No websites yet">
            {user.role === "admin" ? (
              <>
                Add one in{" "}
                <Link href="/settings/websites" className="text-indigo-700 underline">
                  Settings → Websites
                </Link>{" "}
                and paste its tracking snippet into your pages.
              </>
            ) : (
              "Ask an admin to add one."
            )}
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {websites.map((w, i) => (
              <li key={w.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
                <div className="min-w-0 flex-1">
                  <Link href={`/websites/${w.id}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
                    {w.name}
                  </Link>
                  <p className="text-xs text-slate-600">
                    {w.domain} · {w.timezone}
                  </p>
                </div>
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${open[i] ? "bg-rose-50 text-rose-800" : "bg-emerald-50 text-emerald-800"}`}>
                  {open[i] ? `${open[i]} open in the last 7 days` : "no open anomalies"}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
