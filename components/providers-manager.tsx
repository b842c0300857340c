"use client";
import { useId, useState, type FormEvent } from "react";
import type { ProviderJson, ProviderKind } from "@/lib/cloud/providers";
import { useProviders } from "@/lib/client/providers";
import { errorMessage } from "@/lib/client/api";
import { InlineError } from "./feedback";
import { NamedListManager } from "./named-list-manager";
import { buttonPrimary, cardClass, inputClass, labelClass, selectClass } from "./styles";

const KINDS: Array<{ value: ProviderKind; label: string }> = [
  { value: "aws", label: "AWS" },
  { value: "gcp", label: "Google Cloud" },
  { value: "azure", label: "Azure" },
  { value: "other", label: "Other" },
];

export function ProvidersManager({ initialData, canManage }: { initialData: ProviderJson[]; canManage: boolean }) {
  const { list, create, rename, remove } = useProviders(initialData);
  const [kind, setKind] = useState<ProviderKind>("aws");
  const [name, setName] = useState("");
  const [accountId, setAccountId] = useState("");
  const ids = { kind: useId(), name: useId(), account: useId() };

  function onCreate(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { kind, name: name.trim(), ...(accountId.trim() ? { account_id: accountId.trim() } : {}) },
      {
        onSuccess: () => {
          setName("");
          setAccountId("");
        },
      },
    );
  }

  return (
    <div className="space-y-4">
      {canManage ? (
        <section className={`${cardClass} p-4`} aria-labelledby="add-provider-heading">
          <h2 id="add-provider-heading" className="mb-3 font-semibold">
            Add a provider
          </h2>
          <form onSubmit={onCreate} className="grid gap-3 sm:grid-cols-[10rem_1fr_1fr_auto] sm:items-end">
            <div>
              <label htmlFor={ids.kind} className={labelClass}>
                Kind
              </label>
              <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as ProviderKind)} className={selectClass}>
                {KINDS.map((k) => (
                  <option key={k.value} value={k.value}>
                    {k.label}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={ids.name} className={labelClass}>
                Name
              </label>
              <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="Production AWS" className={inputClass} />
            </div>
            <div>
              <label htmlFor={ids.account} className={labelClass}>
                Account ID <span className="font-normal text-slate-500">(optional)</span>
              </label>
              <input id={ids.account} value={accountId} onChange={(e) => setAccountId(e.target.value)} maxLength={100} className={inputClass} />
            </div>
            <button type="submit" className={buttonPrimary} disabled={create.isPending || !name.trim()}>
              {create.isPending ? "Adding…" : "Add provider"}
            </button>
          </form>
          {create.isError ? (
            <div className="mt-3">
              <InlineError>{errorMessage(create.error)}</InlineError>
            </div>
          ) : null}
        </section>
      ) : null}
      <section className={cardClass} aria-labelledby="providers-heading">
        <h2 id="providers-heading" className="border-b border-slate-200 px-4 py-3 font-semibold">
          Providers
        </h2>
        <NamedListManager
          noun="provider"
          items={(list.data ?? []).map((p) => ({
            id: p.id,
            name: p.name,
            detail: `${p.kind.toUpperCase()} · ${p.currency}${p.account_id ? ` · account ${p.account_id}` : ""} · id ${p.id}`,
          }))}
          canManage={canManage}
          rename={rename}
          remove={remove}
          removeWarning="Its cost data, metrics and anomalies are deleted too."
          emptyTitle="No providers yet"
          emptyHint={canManage ? "Add one above, then send costs to /api/v1/providers/{id}/costs or import a billing export." : "Ask an admin to add one."}
        />
      </section>
    </div>
  );
}
