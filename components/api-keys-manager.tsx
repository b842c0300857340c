"use client";
// API keys: create (the secret is shown once, with a copy button), list by prefix with
// last use, revoke. Admin-only controls; the server enforces the role regardless.
import { useId, useState } from "react";
import type { ApiKeyJson } from "@/lib/org/api-keys";
import { useApiKeys } from "@/lib/client/api-keys";
import { errorMessage } from "@/lib/client/api";
import { EmptyState, InlineError } from "./feedback";
import { formatDateTime } from "./format";
import { buttonSecondary, buttonSmall, inputClass, labelClass } from "./styles";
import { AddItemCard } from "./ui/add-item-card";
import { Card } from "./ui/card";
import { ConfirmDialog } from "./ui/confirm-dialog";
import { DataTable, type Column } from "./ui/data-table";
import { TextField } from "./ui/field";

function CopyField({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  const id = useId();
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("copied");
    } catch {
      // Clipboard access can be refused (insecure origin, permissions); the text stays selectable.
      setCopied("failed");
    }
  }
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <div className="flex gap-2">
        <input id={id} readOnly value={value} onFocus={(e) => e.currentTarget.select()} className={`${inputClass} font-mono`} data-testid="new-api-key" />
        <button type="button" className={buttonSecondary} onClick={copy}>
          Copy
        </button>
      </div>
      <p className="mt-1 text-xs text-slate-600" aria-live="polite">
        {copied === "copied" ? "Copied to the clipboard." : copied === "failed" ? "Could not copy automatically: select the key and copy it." : ""}
      </p>
    </div>
  );
}

const KEY_COLUMNS: Column<ApiKeyJson>[] = [
  { header: "Name", cell: (key) => key.name },
  { header: "Prefix", cell: (key) => <code>{key.prefix}…</code> },
  { header: "Created", cellClassName: "whitespace-nowrap", cell: (key) => formatDateTime(key.created_at) },
  { header: "Last used", cellClassName: "whitespace-nowrap", cell: (key) => (key.last_used_at ? formatDateTime(key.last_used_at) : "never") },
  { header: "Status", cell: (key) => (key.revoked_at ? "revoked" : "active") },
];

function CreatedKeyNotice({ created, onDone }: { created: { key: string; name: string }; onDone: () => void }) {
  return (
    <div className="rounded border border-amber-300 bg-amber-50 p-3" role="status">
      <p className="mb-2 text-sm font-medium text-amber-900">
        Copy the key &ldquo;{created.name}&rdquo; now: it is shown only once and cannot be recovered.
      </p>
      <CopyField value={created.key} label="New API key" />
      <button type="button" className={`${buttonSmall} mt-2`} onClick={onDone}>
        I have copied it
      </button>
    </div>
  );
}

export function ApiKeysManager({ initialData, canManage }: { initialData: ApiKeyJson[]; canManage: boolean }) {
  const { list, create, remove: revoke } = useApiKeys(initialData);
  const [name, setName] = useState("");
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
    create.mutate(
      { name },
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
            className="min-w-[36rem]"
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
