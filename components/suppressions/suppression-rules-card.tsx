"use client";
// Settings: the organization's suppression rules, each with its scope, end, reason and how
// many anomalies it recorded as dismissed; admins can delete one (what it suppressed stays).
import { useState } from "react";
import type { SuppressionRuleJson } from "@/lib/anomalies/schemas";
import { useSuppressions } from "@/lib/client/suppressions";
import { errorMessage } from "@/lib/client/api";
import { EmptyState, InlineError, TableSkeleton } from "../feedback";
import { buttonDanger, buttonSmall } from "../styles";
import { Card } from "../ui/card";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { DataTable, type Column } from "../ui/data-table";

const SCOPE_LABELS: Record<string, string> = { provider_id: "provider", service: "service", account_id: "account", metric: "metric", website_id: "website" };

export function describeScope(scope: SuppressionRuleJson["scope"]): string {
  return Object.entries(scope)
    .filter(([, value]) => value !== undefined)
    .map(([field, value]) => `${SCOPE_LABELS[field] ?? field} ${field === "provider_id" ? `#${value}` : String(value)}`)
    .join(", ");
}

function columns(canManage: boolean, onDelete: (rule: SuppressionRuleJson) => void): Column<SuppressionRuleJson>[] {
  const base: Column<SuppressionRuleJson>[] = [
    { header: "Matches", rowHeader: true, cell: (r) => describeScope(r.scope) },
    { header: "Until", cell: (r) => `${new Date(r.until).toLocaleDateString()}${r.active ? "" : " (expired)"}` },
    { header: "Reason", cell: (r) => r.reason },
    { header: "Suppressed", align: "right", cell: (r) => <span data-testid="suppression-matches">{r.matches}</span> },
  ];
  if (!canManage) return base;
  return [
    ...base,
    {
      header: "Actions",
      hideHeader: true,
      align: "right",
      cell: (r) => (
        <button type="button" className={`${buttonSmall} ${buttonDanger}`} onClick={() => onDelete(r)}>
          Delete
        </button>
      ),
    },
  ];
}

export function SuppressionRulesCard({ canManage }: { canManage: boolean }) {
  const { list, remove } = useSuppressions();
  const [deleting, setDeleting] = useState<SuppressionRuleJson | null>(null);
  const rules = list.data ?? [];
  return (
    <Card headingId="suppressions-heading" title="Suppression rules" flush>
      {list.isPending ? <TableSkeleton rows={2} /> : null}
      {list.isError ? <InlineError>{errorMessage(list.error)}</InlineError> : null}
      {remove.isError ? <InlineError>{errorMessage(remove.error)}</InlineError> : null}
      {list.isSuccess && rules.length === 0 ? (
        <EmptyState title="No suppression rules">Dismiss an anomaly with &ldquo;Also suppress similar anomalies&rdquo; to stop it coming back.</EmptyState>
      ) : null}
      {rules.length ? (
        <DataTable columns={columns(canManage, setDeleting)} rows={rules} rowKey={(r) => r.id} caption="Suppression rules" testId="suppression-rules" />
      ) : null}
      <ConfirmDialog
        target={deleting}
        onClose={() => setDeleting(null)}
        onConfirm={(rule) => remove.mutate(rule.id)}
        title="Delete suppression rule"
        description={(rule) => <>New anomalies matching {describeScope(rule.scope)} will be alerted again. The anomalies it suppressed stay dismissed.</>}
        confirmLabel="Delete rule"
      />
    </Card>
  );
}
