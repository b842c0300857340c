"use client";
// Alert destinations (webhook, Slack, email) with their filters, a "Send test" button
// per destination, and the delivery log. Admin-only controls; the server enforces the role.
import { useState } from "react";
import { type CreateDestinationInput, type DeliveryJson, type DestinationJson } from "@/lib/alerts/schemas";
import { ANOMALY_TYPES, type AnomalyType } from "@/lib/vocabulary";
import { useAlertDeliveries, useAlertDestinations, useSendTestAlert } from "@/lib/client/alerts";
import { errorMessage } from "@/lib/client/api";
import { EmptyState, InlineError } from "../feedback";
import { buttonDanger, buttonSmall, labelClass } from "../styles";
import { AddItemCard } from "../ui/add-item-card";
import { Card } from "../ui/card";
import { DataTable, type Column } from "../ui/data-table";
import { SelectField, TextField, type SelectOption } from "../ui/field";

type AlertType = AnomalyType;
interface Draft {
  kind: DestinationJson["kind"];
  name: string;
  url: string;
  email: string;
  types: AlertType[];
  min_severity: DestinationJson["min_severity"];
  min_impact: string;
  cadence: Cadence;
  min_impact_percent: string;
  threshold_mode: DestinationJson["threshold_mode"];
  /** Comma-separated monitor ids; empty = every monitor. */
  monitors: string;
  forecast_alerts: boolean;
}

/** One choice for `mode` and `frequency` together: immediately, the periodic digest, or a daily / weekly digest. */
type Cadence = "immediate" | "digest" | "daily" | "weekly";

const EMPTY: Draft = {
  kind: "webhook",
  name: "",
  url: "",
  email: "",
  types: [],
  min_severity: "warning",
  min_impact: "0",
  cadence: "immediate",
  min_impact_percent: "0",
  threshold_mode: "any",
  monitors: "",
  forecast_alerts: false,
};
const KIND_OPTIONS: Array<SelectOption<Draft["kind"]>> = [
  { value: "webhook", label: "Webhook (JSON, signed)" },
  { value: "slack", label: "Slack incoming webhook" },
  { value: "email", label: "Email" },
];
const SEVERITY_OPTIONS: Array<SelectOption<Draft["min_severity"]>> = [
  { value: "info", label: "info" },
  { value: "warning", label: "warning" },
  { value: "critical", label: "critical" },
];
const CADENCE_OPTIONS: Array<SelectOption<Cadence>> = [
  { value: "immediate", label: "Immediately" },
  { value: "digest", label: "Digest (every few minutes)" },
  { value: "daily", label: "Daily digest" },
  { value: "weekly", label: "Weekly digest" },
];
const THRESHOLD_MODE_OPTIONS: Array<SelectOption<Draft["threshold_mode"]>> = [
  { value: "any", label: "Either threshold (any)" },
  { value: "all", label: "Both thresholds (all)" },
];

function cadenceFields(cadence: Cadence): Pick<CreateDestinationInput, "mode" | "frequency"> {
  if (cadence === "daily" || cadence === "weekly") return { mode: "digest", frequency: cadence };
  return { mode: cadence, frequency: "immediate" };
}

function cadenceLabel(d: DestinationJson): string {
  return d.frequency !== "immediate" ? `${d.frequency} digest` : d.mode;
}

function toCreateInput(d: Draft): CreateDestinationInput {
  return {
    kind: d.kind,
    name: d.name,
    ...(d.kind === "email" ? { email: d.email } : { url: d.url }),
    types: d.types,
    min_severity: d.min_severity,
    min_impact: Number(d.min_impact) || 0,
    ...cadenceFields(d.cadence),
    min_impact_percent: Number(d.min_impact_percent) || 0,
    threshold_mode: d.threshold_mode,
    monitor_ids: d.monitors
      .split(",")
      .map((m) => m.trim())
      .filter(Boolean),
    forecast_alerts: d.forecast_alerts,
  };
}

function formatTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : "—";
}

function statusClass(status: string): string {
  if (status === "delivered") return "bg-emerald-100 text-emerald-800";
  if (status === "failed") return "bg-red-100 text-red-800";
  if (status === "withdrawn") return "bg-slate-100 text-slate-700";
  return "bg-amber-100 text-amber-800";
}

const DELIVERY_COLUMNS: Column<DeliveryJson>[] = [
  { header: "When", cellClassName: "whitespace-nowrap", cell: (d) => formatTime(d.created_at) },
  { header: "Destination", cell: (d) => d.destination_name },
  {
    header: "Event",
    cell: (d) => (
      <>
        {d.event}
        {d.anomaly_id ? (
          <a className="ml-1 text-indigo-700 underline" href={`/anomalies/${d.anomaly_id}`}>
            #{d.anomaly_id}
          </a>
        ) : null}
      </>
    ),
  },
  { header: "Rule", cell: (d) => <span data-testid="delivery-rule">{d.matched_rule ?? "—"}</span> },
  { header: "Status", cell: (d) => <span className={`rounded px-2 py-0.5 text-xs font-medium ${statusClass(d.status)}`}>{d.status}</span> },
  { header: "Attempts", cell: (d) => d.attempts },
  { header: "Last response", cell: (d) => d.response_status ?? d.last_error ?? "—" },
  { header: "Next retry", cellClassName: "whitespace-nowrap", cell: (d) => formatTime(d.next_attempt_at) },
];

function DestinationFields({ draft, setDraft }: { draft: Draft; setDraft: (draft: Draft) => void }) {
  return (
    <>
      <SelectField label="Kind" options={KIND_OPTIONS} value={draft.kind} onChange={(kind) => setDraft({ ...draft, kind })} />
      <TextField label="Name" value={draft.name} required maxLength={100} onChange={(e) => setDraft({ ...draft, name: e.target.value })} placeholder="e.g. On-call channel" />
      {draft.kind === "email" ? (
        <TextField label="Email address" className="sm:col-span-2" type="email" value={draft.email} required onChange={(e) => setDraft({ ...draft, email: e.target.value })} />
      ) : (
        <TextField label="URL" className="sm:col-span-2" type="url" value={draft.url} required onChange={(e) => setDraft({ ...draft, url: e.target.value })} placeholder="https://" />
      )}
      <fieldset className="sm:col-span-2">
        <legend className={labelClass}>Anomaly types (none checked = all)</legend>
        <div className="flex gap-4">
          {ANOMALY_TYPES.map((t) => (
            <label key={t} className="flex items-center gap-1 text-sm">
              <input
                type="checkbox"
                checked={draft.types.includes(t)}
                onChange={(e) => setDraft({ ...draft, types: e.target.checked ? [...draft.types, t] : draft.types.filter((x) => x !== t) })}
              />
              {t}
            </label>
          ))}
        </div>
      </fieldset>
      <SelectField label="Minimum severity" options={SEVERITY_OPTIONS} value={draft.min_severity} onChange={(min_severity) => setDraft({ ...draft, min_severity })} />
      <TextField
        label="Minimum cost impact (currency units above expected)"
        type="number"
        min={0}
        step="any"
        value={draft.min_impact}
        onChange={(e) => setDraft({ ...draft, min_impact: e.target.value })}
      />
      <SubscriptionFields draft={draft} setDraft={setDraft} />
    </>
  );
}

/** Issue 13: percentage threshold and how it combines with the dollar one, monitors, cadence, budget alerts. */
function SubscriptionFields({ draft, setDraft }: { draft: Draft; setDraft: (draft: Draft) => void }) {
  return (
    <>
      <TextField
        label="Minimum deviation (% from expected)"
        type="number"
        min={0}
        step="any"
        value={draft.min_impact_percent}
        onChange={(e) => setDraft({ ...draft, min_impact_percent: e.target.value })}
      />
      <SelectField label="Thresholds" options={THRESHOLD_MODE_OPTIONS} value={draft.threshold_mode} onChange={(threshold_mode) => setDraft({ ...draft, threshold_mode })} />
      <TextField label="Monitors (comma-separated ids; empty = all)" value={draft.monitors} maxLength={2000} onChange={(e) => setDraft({ ...draft, monitors: e.target.value })} placeholder="ids from Settings → Monitors, e.g. 1, 4" />
      <SelectField label="Delivery" options={CADENCE_OPTIONS} value={draft.cadence} onChange={(cadence) => setDraft({ ...draft, cadence })} />
      <label className="flex items-center gap-2 text-sm sm:col-span-2">
        <input type="checkbox" checked={draft.forecast_alerts} onChange={(e) => setDraft({ ...draft, forecast_alerts: e.target.checked })} />
        Also tell me when a provider&apos;s month-end forecast exceeds its budget
      </label>
    </>
  );
}

type DestinationsResource = ReturnType<typeof useAlertDestinations>;
interface DestinationActions {
  test: ReturnType<typeof useSendTestAlert>;
  update: DestinationsResource["update"];
  remove: DestinationsResource["remove"];
}

function DestinationRow({ destination: d, canManage, actions }: { destination: DestinationJson; canManage: boolean; actions: DestinationActions }) {
  const { test, update, remove } = actions;
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
      <div className="min-w-0">
        <p className="font-medium">
          {d.name} <span className="text-xs text-slate-500">({d.kind}{d.enabled ? "" : ", paused"})</span>
        </p>
        <p className="truncate text-xs text-slate-600">
          {d.url ?? d.email} · {d.types.length ? d.types.join(", ") : "all types"} · ≥ {d.min_severity}
          {d.min_impact > 0 ? ` · ≥ ${d.min_impact} impact` : ""}
          {d.min_impact_percent > 0 ? ` ${d.min_impact > 0 ? d.threshold_mode === "all" ? "and" : "or" : "·"} ≥ ${d.min_impact_percent}%` : ""}
          {d.monitor_ids.length ? ` · monitors ${d.monitor_ids.join(", ")}` : ""} · {cadenceLabel(d)}
          {d.forecast_alerts ? " · budget alerts" : ""}
        </p>
      </div>
      {canManage ? (
        <div className="flex gap-2">
          <button type="button" className={buttonSmall} onClick={() => test.mutate(d.id)} disabled={test.isPending && test.variables === d.id}>
            {test.isPending && test.variables === d.id ? "Sending…" : "Send test"}
          </button>
          <button type="button" className={buttonSmall} onClick={() => update.mutate({ id: d.id, changes: { enabled: !d.enabled } })}>
            {d.enabled ? "Pause" : "Resume"}
          </button>
          <button type="button" className={`${buttonDanger} px-2 py-1 text-xs`} onClick={() => remove.mutate(d.id)}>
            Delete
          </button>
        </div>
      ) : null}
    </li>
  );
}

export function AlertsManager({ initialDestinations, initialDeliveries, canManage }: { initialDestinations: DestinationJson[]; initialDeliveries: DeliveryJson[]; canManage: boolean }) {
  const destinations = useAlertDestinations(initialDestinations);
  const deliveries = useAlertDeliveries(initialDeliveries);
  const test = useSendTestAlert();
  const { create, update, remove } = destinations;
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [revealed, setRevealed] = useState<{ name: string; secret: string } | null>(null);

  function onCreate() {
    create.mutate(toCreateInput(draft), {
      onSuccess: (created) => {
        setDraft(EMPTY);
        if (created.secret) setRevealed({ name: created.name, secret: created.secret });
      },
    });
  }

  const list = destinations.list.data ?? [];
  const log = deliveries.data ?? [];
  return (
    <div className="space-y-6">
      {canManage ? (
        <AddItemCard
          headingId="add-destination-heading"
          title="Add a destination"
          formClassName="grid gap-3 sm:grid-cols-2"
          onSubmit={onCreate}
          mutation={create}
          submitLabel="Add destination"
          pendingLabel="Adding…"
          revealed={
            revealed ? (
              <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
                Signing secret for <strong>{revealed.name}</strong> (shown once; verify <code>X-Bandwatch-Signature</code> with it):{" "}
                <code className="break-all font-mono" data-testid="webhook-secret">
                  {revealed.secret}
                </code>
              </div>
            ) : null
          }
        >
          <DestinationFields draft={draft} setDraft={setDraft} />
        </AddItemCard>
      ) : null}

      <Card headingId="destinations-heading" title="Destinations" flush>
        {list.length === 0 ? (
          <EmptyState title="No destinations yet">{canManage ? "Add a webhook, Slack channel or email address above." : "An admin can add one."}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200">
            {list.map((d) => (
              <DestinationRow key={d.id} destination={d} canManage={canManage} actions={{ test, update, remove }} />
            ))}
          </ul>
        )}
        {test.data ? (
          <p role="status" className="border-t border-slate-200 px-4 py-2 text-sm">
            Test {test.data.status === "delivered" ? "delivered" : `not delivered yet (${test.data.last_error ?? test.data.status}); it will be retried`}.
          </p>
        ) : null}
        {test.isError ? <InlineError>{errorMessage(test.error)}</InlineError> : null}
      </Card>

      <Card headingId="deliveries-heading" title="Delivery log" flush>
        {log.length === 0 ? <EmptyState title="Nothing sent yet" /> : <DataTable columns={DELIVERY_COLUMNS} rows={log} rowKey={(d) => d.id} />}
      </Card>
    </div>
  );
}
