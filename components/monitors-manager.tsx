"use client";
// Settings → Monitors (issue 13): the organization's cost monitors. The services monitor is
// always there; admins add accounts and tag monitors, rename them and remove them (their
// anomalies stay).
import { useState } from "react";
import type { MonitorJson } from "@/lib/cloud/monitor-schemas";
import { useMonitors } from "@/lib/client/monitors";
import { NamedListManager } from "./named-list-manager";
import { AddItemCard } from "./ui/add-item-card";
import { Card } from "./ui/card";
import { SelectField, TextField, type SelectOption } from "./ui/field";

type CreatableKind = "accounts" | "tag";
const KINDS: Array<SelectOption<CreatableKind>> = [
  { value: "accounts", label: "Each linked account" },
  { value: "tag", label: "Each value of a tag" },
];

/** "a, b ,c" → ["a", "b", "c"]. */
const splitValues = (text: string) =>
  text
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

function describe(monitor: MonitorJson, providerName: (id: number) => string): string {
  const scope = monitor.provider_id === null ? "every provider" : providerName(monitor.provider_id);
  const only = monitor.values.length ? ` · only ${monitor.values.join(", ")}` : "";
  if (monitor.kind === "services") return `Every service of every provider, judged separately · id ${monitor.id}`;
  if (monitor.kind === "accounts") return `Each linked account of ${scope}${only} · id ${monitor.id}`;
  return `Each value of tag “${monitor.tag_key ?? ""}” on ${scope}${only} · id ${monitor.id}`;
}

export function MonitorsManager({ initialData, providers, canManage }: { initialData: MonitorJson[]; providers: Array<{ id: number; name: string }>; canManage: boolean }) {
  const { list, create, update, remove } = useMonitors(initialData);
  const [kind, setKind] = useState<CreatableKind>("accounts");
  const [name, setName] = useState("");
  const [tagKey, setTagKey] = useState("");
  const [values, setValues] = useState("");
  const [providerId, setProviderId] = useState<number>(0);
  const providerOptions: Array<SelectOption<number>> = [{ value: 0, label: "All providers" }, ...providers.map((p) => ({ value: p.id, label: p.name }))];
  const providerName = (id: number) => providers.find((p) => p.id === id)?.name ?? `provider ${id}`;

  function onCreate() {
    const listed = splitValues(values);
    const input = {
      name: name.trim(),
      kind,
      ...(providerId ? { provider_id: providerId } : {}),
      ...(kind === "tag" ? { tag_key: tagKey.trim() } : {}),
      ...(listed.length ? { values: listed } : {}),
    };
    create.mutate(input, {
      onSuccess: () => {
        setName("");
        setTagKey("");
        setValues("");
      },
    });
  }

  return (
    <div className="space-y-4">
      {canManage ? (
        <AddItemCard
          headingId="add-monitor-heading"
          title="Add a cost monitor"
          formClassName="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_12rem_10rem_1fr_1fr_auto] lg:items-end"
          onSubmit={onCreate}
          mutation={create}
          submitLabel="Add monitor"
          pendingLabel="Adding…"
          canSubmit={name.trim() !== "" && (kind !== "tag" || tagKey.trim() !== "")}
        >
          <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="Per team" />
          <SelectField label="Judge separately" options={KINDS} value={kind} onChange={setKind} />
          <SelectField label="Provider" options={providerOptions} value={providerId} onChange={setProviderId} />
          {kind === "tag" ? <TextField label="Tag key" value={tagKey} onChange={(e) => setTagKey(e.target.value)} required maxLength={128} placeholder="team" /> : <div className="hidden lg:block" />}
          <TextField label="Only these values" optional value={values} onChange={(e) => setValues(e.target.value)} maxLength={5000} placeholder="comma-separated" />
        </AddItemCard>
      ) : null}
      <Card headingId="monitors-heading" title="Cost monitors" flush>
        <NamedListManager
          noun="monitor"
          items={(list.data ?? []).map((m) => ({ id: m.id, name: m.name, detail: describe(m, providerName), removable: m.kind !== "services" }))}
          canManage={canManage}
          rename={update}
          remove={remove}
          removeWarning="It stops running; the anomalies it raised and their history stay."
          emptyTitle="No monitors yet"
          emptyHint="The services monitor appears once the organization has one."
        />
      </Card>
    </div>
  );
}
