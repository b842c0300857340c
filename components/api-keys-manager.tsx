"use client";
// API keys: create (the secret is shown once, with a copy button), list by prefix with
// last use, revoke. Admin-only controls; the server enforces the role regardless.
import { useId, useState, type FormEvent } from "react";
import type { ApiKeyJson } from "@/lib/org/api-keys";
import { useApiKeys } from "@/lib/client/api-keys";
import { errorMessage } from "@/lib/client/api";
import { Dialog } from "./dialog";
import { EmptyState, InlineError } from "./feedback";
import { formatDateTime } from "./format";
import { buttonDanger, buttonPrimary, buttonSecondary, buttonSmall, cardClass, inputClass, labelClass } from "./styles";

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

export function ApiKeysManager({ initialData, canManage }: { initialData: ApiKeyJson[]; canManage: boolean }) {
  const { list, create, revoke } = useApiKeys(initialData);
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyJson | null>(null);
  const nameId = useId();
  const keys = list.data ?? [];

  function onCreate(event: FormEvent) {
    event.preventDefault();
    create.mutate(name, {
      onSuccess: (result) => {
        setCreated({ key: result.key, name: result.api_key.name });
        setName("");
      },
    });
  }

  return (
    <div className="space-y-4">
      {canManage ? (
        <section className={`${cardClass} space-y-4 p-4`} aria-labelledby="create-key-heading">
          <h2 id="create-key-heading" className="font-semibold">
            Create an API key
          </h2>
          <form onSubmit={onCreate} className="flex flex-col gap-2 sm:flex-row sm:items-end">
            <div className="flex-1">
              <label htmlFor={nameId} className={labelClass}>
                Key name
              </label>
              <input id={nameId} value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="e.g. CI pipeline" className={inputClass} />
            </div>
            <button type="submit" className={buttonPrimary} disabled={create.isPending || !name.trim()}>
              {create.isPending ? "Creating…" : "Create key"}
            </button>
          </form>
          {create.isError ? <InlineError>{errorMessage(create.error)}</InlineError> : null}
          {created ? (
            <div className="rounded border border-amber-300 bg-amber-50 p-3" role="status">
              <p className="mb-2 text-sm font-medium text-amber-900">
                Copy the key &ldquo;{created.name}&rdquo; now: it is shown only once and cannot be recovered.
              </p>
              <CopyField value={created.key} label="New API key" />
              <button type="button" className={`${buttonSmall} mt-2`} onClick={() => setCreated(null)}>
                I have copied it
              </button>
            </div>
          ) : null}
        </section>
      ) : (
        <p className="text-sm text-slate-600">Only admins can create or revoke API keys.</p>
      )}

      <section className={cardClass} aria-labelledby="keys-heading">
        <h2 id="keys-heading" className="border-b border-slate-200 px-4 py-3 font-semibold">
          Keys
        </h2>
        {revoke.isError ? (
          <div className="p-4">
            <InlineError>Could not revoke the key: {errorMessage(revoke.error)}</InlineError>
          </div>
        ) : null}
        {keys.length === 0 ? (
          <EmptyState title="No API keys yet">{canManage ? "Create one above to call the API from scripts and CI." : "Ask an admin to create one."}</EmptyState>
        ) : (
          <div className="relative overflow-x-auto">
            <table className="w-full min-w-[36rem] text-left text-sm">
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Name
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Prefix
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Created
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Last used
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Status
                  </th>
                  {canManage ? (
                    <th scope="col" className="px-3 py-2">
                      <span className="sr-only">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {keys.map((key) => (
                  <tr key={key.id} data-testid="api-key-row" className={key.revoked_at ? "text-slate-500" : ""}>
                    <td className="px-3 py-2">{key.name}</td>
                    <td className="px-3 py-2">
                      <code>{key.prefix}…</code>
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(key.created_at)}</td>
                    <td className="px-3 py-2 whitespace-nowrap">{key.last_used_at ? formatDateTime(key.last_used_at) : "never"}</td>
                    <td className="px-3 py-2">{key.revoked_at ? "revoked" : "active"}</td>
                    {canManage ? (
                      <td className="px-3 py-2 text-right">
                        {key.revoked_at ? null : (
                          <button type="button" className={buttonSmall} onClick={() => setRevoking(key)}>
                            Revoke
                          </button>
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <Dialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title="Revoke API key"
        description={revoking ? `Requests with “${revoking.name}” (${revoking.prefix}…) will be refused at once. This cannot be undone.` : null}
      >
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <button type="button" className={buttonSecondary} onClick={() => setRevoking(null)}>
            Cancel
          </button>
          <button
            type="button"
            className={buttonDanger}
            onClick={() => {
              if (revoking) revoke.mutate(revoking.id);
              setRevoking(null);
            }}
          >
            Revoke key
          </button>
        </div>
      </Dialog>
    </div>
  );
}
