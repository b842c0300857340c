"use client";
// API keys: create (the secret is shown once, with a copy button), list by prefix with
// last use, revoke. Admin-only controls; the server enforces the role regardless.
import { useState } from "react";
import type { ApiKeyJson } from "@/lib/org/api-keys";
import { useApiKeys } from "@/lib/client/api-keys";
import { errorMessage } from "@/lib/client/api";
import { EmptyState, InlineError } from "./feedback";
import { formatDateTime } from "./format";
import { buttonSmall } from "./styles";
import { CopyField } from "./ui/copy-field";
import { AddItemCard } from "./ui/add-item-card";
import { Card } from "./ui/card";
import { ConfirmDialog } from "./ui/confirm-dialog";
import { DataTable, type Column } from "./ui/data-table";
import { SelectField, TextField } from "./ui/field";
import type { ApiKeyScope } from "@/lib/vocabulary";

const SCOPE_OPTIONS = [
  { value: "read", label: "Read: list and read only" },
  { value: "write", label: "Write: also ingest data" },
  { value: "admin", label: "Admin: also dismiss and settings" },
] as const satisfies ReadonlyArray<{ value: ApiKeyScope; label: string }>;

/** Expiry choices in days; 0 = never. */
const EXPIRY_OPTIONS = [
  { value: 0, label: "Never" },
  { value: 30, label: "In 30 days" },
  { value: 90, label: "In 90 days" },
  { value: 365, label: "In a year" },
];

const KEY_COLUMNS: Column<ApiKeyJson>[] = [
  { header: "Name", cell: (key) => key.name },
  { header: "Prefix", cell: (key) => <code>{key.prefix}…</code> },
  { header: "Created", cellClassName: "whitespace-nowrap", cell: (key) => formatDateTime(key.created_at) },
  { header: "Last used", cellClassName: "whitespace-nowrap", cell: (key) => (key.last_used_at ? formatDateTime(key.last_used_at) : "never") },
  { header: "Scope", cell: (key) => <span data-testid="api-key-scope">{key.scope}</span> },
  { header: "Expires", cellClassName: "whitespace-nowrap", cell: (key) => (key.expires_at ? formatDateTime(key.expires_at) : "never") },
  { header: "Status", cell: (key) => (key.revoked_at ? "revoked" : key.expires_at && Date.parse(key.expires_at) <= Date.now() ? "expired" : "active") },
];

function CreatedKeyNotice({ created, onDone }: { created: { key: string; name: string }; onDone: () => void }) {
  return (
    <div className="rounded border border-amber-300 bg-amber-50 p-3" role="status">
      <p className="mb-2 text-sm font-medium text-amber-900">
        Copy the key &ldquo;{created.name}&rdquo; now: it is shown only once and cannot be recovered.
      </p>
      <CopyField value={created.key} label="New API key" testId="new-api-key" />
      <button type="button" className={`${buttonSmall} mt-2`} onClick={onDone}>
        I have copied it
      </button>
    </div>
  );
}

export function ApiKeysManager({ initialData, canManage }: { initialData: ApiKeyJson[]; canManage: boolean }) {
  const { list, create, remove: revoke } = useApiKeys(initialData);
  const [name, setName] = useState("");
  const [scope, setScope] = useState<ApiKeyScope>("read");
  const [expiryDays, setExpiryDays] = useState(0);
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyJson | null>(null);
  const keys = list.data ?? [];
  const revokeColumn: Column<ApiKeyJson> = {
    header: "Actions",
    hideHeader: true,
    cellClassName: "text-right",
    cell: (key) =>
      key.revoked_at ? null : (
        <button type="button" className={buttonSmall} onClick={() => setRevoking(key)}>
          Revoke
        </button>
      ),
  };

  function onCreate() {
    const expiresAt = expiryDays > 0 ? new Date(Date.now() + expiryDays * 86_400_000).toISOString() : null;
    create.mutate(
      { name, scope, expires_at: expiresAt },
      {
        onSuccess: (result) => {
          setCreated({ key: result.key, name: result.api_key.name });
          setName("");
        },
      },
    );
  }

  return (
    <div className="space-y-4">
      {canManage ? (
        <AddItemCard
          headingId="create-key-heading"
          title="Create an API key"
          formClassName="flex flex-col gap-2 sm:flex-row sm:items-end"
          onSubmit={onCreate}
          mutation={create}
          submitLabel="Create key"
          pendingLabel="Creating…"
          canSubmit={name.trim() !== ""}
          revealed={created ? <CreatedKeyNotice created={created} onDone={() => setCreated(null)} /> : null}
        >
          <TextField label="Key name" className="flex-1" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="e.g. CI pipeline" />
          <SelectField label="Scope" options={SCOPE_OPTIONS} value={scope} onChange={setScope} />
          <SelectField label="Expires" options={EXPIRY_OPTIONS} value={expiryDays} onChange={setExpiryDays} />
        </AddItemCard>
      ) : (
        <p className="text-sm text-slate-600">Only admins can create or revoke API keys.</p>
      )}

      <Card headingId="keys-heading" title="Keys" flush>
        {revoke.isError ? (
          <div className="p-4">
            <InlineError>Could not revoke the key: {errorMessage(revoke.error)}</InlineError>
          </div>
        ) : null}
        {keys.length === 0 ? (
          <EmptyState title="No API keys yet">{canManage ? "Create one above to call the API from scripts and CI." : "Ask an admin to create one."}</EmptyState>
        ) : (
          <DataTable
            columns={canManage ? [...KEY_COLUMNS, revokeColumn] : KEY_COLUMNS}
            rows={keys}
            rowKey={(key) => key.id}
            rowAttributes={(key) => ({ "data-testid": "api-key-row", className: key.revoked_at ? "text-slate-500" : "" })}
            className="min-w-[48rem]"
          />
        )}
      </Card>

      <ConfirmDialog
        target={revoking}
        onClose={() => setRevoking(null)}
        onConfirm={(key) => revoke.mutate(key.id)}
        title="Revoke API key"
        description={(key) => `Requests with “${key.name}” (${key.prefix}…) will be refused at once. This cannot be undone.`}
        confirmLabel="Revoke key"
      />
    </div>
  );
}
