"use client";
import { useState } from "react";
import type { ProviderJson, ProviderKind } from "@/lib/cloud/providers";
import { useProviders } from "@/lib/client/providers";
import { NamedListManager } from "./named-list-manager";
import { ProviderBudgets } from "./provider-budgets";
import { AddItemCard } from "./ui/add-item-card";
import { Card } from "./ui/card";
import { SelectField, TextField, type SelectOption } from "./ui/field";

const KINDS: Array<SelectOption<ProviderKind>> = [
  { value: "aws", label: "AWS" },
  { value: "gcp", label: "Google Cloud" },
  { value: "azure", label: "Azure" },
  { value: "other", label: "Other" },
];

export function ProvidersManager({ initialData, canManage }: { initialData: ProviderJson[]; canManage: boolean }) {
  const { list, create, update, remove } = useProviders(initialData);
  const [kind, setKind] = useState<ProviderKind>("aws");
  const [name, setName] = useState("");
  const [accountId, setAccountId] = useState("");

  function onCreate() {
    const input = { kind, name: name.trim(), ...(accountId.trim() ? { account_id: accountId.trim() } : {}) };
    create.mutate(input, {
      onSuccess: () => {
        setName("");
        setAccountId("");
      },
    });
  }

  return (
    <div className="space-y-4">
      {canManage ? (
        <AddItemCard
          headingId="add-provider-heading"
          title="Add a provider"
          formClassName="grid gap-3 sm:grid-cols-[10rem_1fr_1fr_auto] sm:items-end"
          onSubmit={onCreate}
          mutation={create}
          submitLabel="Add provider"
          pendingLabel="Adding…"
          canSubmit={name.trim() !== ""}
        >
          <SelectField label="Kind" options={KINDS} value={kind} onChange={setKind} />
          <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="Production AWS" />
          <TextField label="Account ID" optional value={accountId} onChange={(e) => setAccountId(e.target.value)} maxLength={100} />
        </AddItemCard>
      ) : null}
      <Card headingId="providers-heading" title="Providers" flush>
        <NamedListManager
          noun="provider"
          items={(list.data ?? []).map((p) => ({
            id: p.id,
            name: p.name,
            detail: `${p.kind.toUpperCase()} · ${p.currency}${p.account_id ? ` · account ${p.account_id}` : ""} · id ${p.id}`,
          }))}
          canManage={canManage}
          rename={update}
          remove={remove}
          removeWarning="Its cost data, metrics and anomalies are deleted too."
          emptyTitle="No providers yet"
          emptyHint={canManage ? "Add one above, then send costs to /api/v1/providers/{id}/costs or import a billing export." : "Ask an admin to add one."}
        />
      </Card>
      <ProviderBudgets providers={list.data ?? []} update={update} canManage={canManage} />
    </div>
  );
}
