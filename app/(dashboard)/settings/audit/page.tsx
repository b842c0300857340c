import type { Metadata } from "next";
import Link from "next/link";
import { firstParam, requireUser } from "@/lib/auth/session";
import { listAuditLog } from "@/lib/org/audit-log";
import { auditLogQuery } from "@/lib/org/audit-schemas";
import { AUDIT_ACTIONS } from "@/lib/org/audit";
import { Card } from "@/components/ui/card";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/feedback";
import { formatDateTime } from "@/components/format";
import { buttonSecondary, selectClass } from "@/components/styles";
import type { AuditEntryJson } from "@/lib/org/audit-schemas";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

const COLUMNS: Column<AuditEntryJson>[] = [
  { header: "When", cellClassName: "whitespace-nowrap", cell: (entry) => formatDateTime(entry.at) },
  { header: "Who", cell: (entry) => entry.actor },
  { header: "Action", cell: (entry) => <code>{entry.action}</code> },
  { header: "Target", cell: (entry) => [entry.target_type, entry.target_id].filter(Boolean).join(" ") },
  { header: "Details", cell: (entry) => <span className="break-all font-mono text-xs">{Object.keys(entry.details).length ? JSON.stringify(entry.details) : ""}</span> },
];

type Search = Record<string, string | string[] | undefined>;

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser("/settings/audit");
  if (user.role !== "admin") return <p className="text-sm text-slate-600">Only admins can read the audit log.</p>;
  const search = await searchParams;
  // A bad filter in the URL shows the unfiltered log rather than an error page.
  const parsed = auditLogQuery.safeParse({ limit: "50", action: firstParam(search.action) || undefined, cursor: firstParam(search.cursor) || undefined });
  const query = parsed.success ? parsed.data : { limit: 50 };
  const page = await listAuditLog(user.org, query);
  const action = "action" in query ? query.action : undefined;
  return (
    <div className="space-y-4">
      <form method="get" className="flex items-end gap-2">
        <div>
          <label htmlFor="audit-action" className="mb-1 block text-sm font-medium text-slate-700">
            Action
          </label>
          <select id="audit-action" name="action" defaultValue={action ?? ""} className={selectClass}>
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonSecondary}>
          Filter
        </button>
      </form>
      <Card headingId="audit-heading" title="Audit log" flush>
        {page.data.length === 0 ? (
          <EmptyState title="Nothing recorded yet">Dismissals, key and member changes and settings changes appear here; entries are kept 400 days.</EmptyState>
        ) : (
          <DataTable columns={COLUMNS} rows={page.data} rowKey={(entry) => entry.id} rowAttributes={() => ({ "data-testid": "audit-row" })} className="min-w-[48rem]" />
        )}
      </Card>
      {page.next_cursor ? (
        <Link className={buttonSecondary} href={`/settings/audit?${new URLSearchParams({ ...(action ? { action } : {}), cursor: page.next_cursor })}`}>
          Older entries
        </Link>
      ) : null}
    </div>
  );
}
