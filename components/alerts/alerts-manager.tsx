"use client";
// Alert destinations (webhook, Slack, email) with their filters, a "Send test" button
// per destination, and the delivery log. Admin-only controls; the server enforces the role.
import { useId, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { DeliveryJson, DestinationJson } from "@/lib/alerts/schemas";
import { apiFetch, errorMessage } from "@/lib/client/api";
import { EmptyState, InlineError } from "../feedback";
import { buttonDanger, buttonPrimary, buttonSmall, cardClass, inputClass, labelClass, selectClass } from "../styles";

const destinationsKey = ["alert-destinations"] as const;
const deliveriesKey = ["alert-deliveries"] as const;

type Kind = DestinationJson["kind"];
interface Draft {
  kind: Kind;
  name: string;
  url: string;
  email: string;
  types: string[];
  min_severity: DestinationJson["min_severity"];
  min_impact: string;
  mode: DestinationJson["mode"];
}

const EMPTY: Draft = { kind: "webhook", name: "", url: "", email: "", types: [], min_severity: "warning", min_impact: "0", mode: "immediate" };
const TYPES = ["cost", "performance", "web"] as const;

function formatTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : "—";
}

function statusClass(status: string): string {
  if (status === "delivered") return "bg-emerald-100 text-emerald-800";
  if (status === "failed") return "bg-red-100 text-red-800";
  if (status === "withdrawn") return "bg-slate-100 text-slate-700";
  return "bg-amber-100 text-amber-800";
}

export function AlertsManager({ initialDestinations, initialDeliveries, canManage }: { initialDestinations: DestinationJson[]; initialDeliveries: DeliveryJson[]; canManage: boolean }) {
  const queryClient = useQueryClient();
  const destinations = useQuery({
    queryKey: destinationsKey,
    queryFn: ({ signal }) => apiFetch<{ data: DestinationJson[] }>("/api/internal/alerts/destinations", { signal }).then((r) => r.data),
    initialData: initialDestinations,
  });
  const deliveries = useQuery({
    queryKey: deliveriesKey,
    queryFn: ({ signal }) => apiFetch<{ data: DeliveryJson[] }>("/api/internal/alerts/deliveries", { signal }).then((r) => r.data),
    initialData: initialDeliveries,
    // Retries happen in the background: keep the log fresh while the page is open.
    refetchInterval: 10_000,
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: destinationsKey });
    void queryClient.invalidateQueries({ queryKey: deliveriesKey });
  };
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [revealed, setRevealed] = useState<{ name: string; secret: string } | null>(null);
  const create = useMutation({
    mutationFn: (d: Draft) =>
      apiFetch<{ data: DestinationJson }>("/api/internal/alerts/destinations", {
        method: "POST",
        body: {
          kind: d.kind,
          name: d.name,
          ...(d.kind === "email" ? { email: d.email } : { url: d.url }),
          types: d.types,
          min_severity: d.min_severity,
          min_impact: Number(d.min_impact) || 0,
          mode: d.mode,
        },
      }).then((r) => r.data),
    onSuccess: (created) => {
      setDraft(EMPTY);
      if (created.secret) setRevealed({ name: created.name, secret: created.secret });
    },
    onSettled: refresh,
  });
  const toggle = useMutation({
    mutationFn: (d: DestinationJson) => apiFetch(`/api/internal/alerts/destinations/${d.id}`, { method: "PATCH", body: { enabled: !d.enabled } }),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/internal/alerts/destinations/${id}`, { method: "DELETE" }),
    onSettled: refresh,
  });
  const test = useMutation({
    mutationFn: (id: string) => apiFetch<{ data: DeliveryJson | null }>(`/api/internal/alerts/destinations/${id}/test`, { method: "POST" }).then((r) => r.data),
    onSettled: refresh,
  });
  const ids = { name: useId(), kind: useId(), target: useId(), severity: useId(), impact: useId(), mode: useId() };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    create.mutate(draft);
  }

  const list = destinations.data ?? [];
  const log = deliveries.data ?? [];
  return (
    <div className="space-y-6">
      {canManage ? (
        <section className={`${cardClass} space-y-4 p-4`} aria-labelledby="add-destination-heading">
          <h2 id="add-destination-heading" className="font-semibold">
            Add a destination
          </h2>
          <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2">
            <div>
              <label htmlFor={ids.kind} className={labelClass}>
                Kind
              </label>
              <select id={ids.kind} className={selectClass} value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as Kind })}>
                <option value="webhook">Webhook (JSON, signed)</option>
                <option value="slack">Slack incoming webhook</option>
                <option value="email">Email</option>
              </select>
            </div>
            <div>
              <label htmlFor={ids.name} className={labelClass}>
                Name
              </label>
              <input id={ids.name} className={inputClass} value={draft.name} required maxLength={100} onChange={(e) => setDraft({ ...draft, name: e.target.value })} placeholder="e.g. On-call channel" />
            </div>
            <div className="sm:col-span-2">
              <label htmlFor={ids.target} className={labelClass}>
                {draft.kind === "email" ? "Email address" : "URL"}
              </label>
              {draft.kind === "email" ? (
                <input id={ids.target} type="email" className={inputClass} value={draft.email} required onChange={(e) => setDraft({ ...draft, email: e.target.value })} />
              ) : (
                <input id={ids.target} type="url" className={inputClass} value={draft.url} required onChange={(e) => setDraft({ ...draft, url: e.target.value })} placeholder="https://" />
              )}
            </div>
            <fieldset className="sm:col-span-2">
              <legend className={labelClass}>Anomaly types (none checked = all)</legend>
              <div className="flex gap-4">
                {TYPES.map((t) => (
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
            <div>
              <label htmlFor={ids.severity} className={labelClass}>
                Minimum severity
              </label>
              <select id={ids.severity} className={selectClass} value={draft.min_severity} onChange={(e) => setDraft({ ...draft, min_severity: e.target.value as Draft["min_severity"] })}>
                <option value="info">info</option>
                <option value="warning">warning</option>
                <option value="critical">critical</option>
              </select>
            </div>
            <div>
              <label htmlFor={ids.impact} className={labelClass}>
                Minimum cost impact (currency units above expected)
              </label>
              <input id={ids.impact} type="number" min={0} step="any" className={inputClass} value={draft.min_impact} onChange={(e) => setDraft({ ...draft, min_impact: e.target.value })} />
            </div>
            <div>
              <label htmlFor={ids.mode} className={labelClass}>
                Delivery
              </label>
              <select id={ids.mode} className={selectClass} value={draft.mode} onChange={(e) => setDraft({ ...draft, mode: e.target.value as Draft["mode"] })}>
                <option value="immediate">Immediately</option>
                <option value="digest">Digest</option>
              </select>
            </div>
            <div className="flex items-end">
              <button type="submit" className={buttonPrimary} disabled={create.isPending}>
                {create.isPending ? "Adding…" : "Add destination"}
              </button>
            </div>
          </form>
          {create.isError ? <InlineError>{errorMessage(create.error)}</InlineError> : null}
          {revealed ? (
            <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
              Signing secret for <strong>{revealed.name}</strong> (shown once; verify <code>X-Bandwatch-Signature</code> with it):{" "}
              <code className="break-all font-mono" data-testid="webhook-secret">
                {revealed.secret}
              </code>
            </div>
          ) : null}
        </section>
      ) : null}

      <section className={cardClass} aria-labelledby="destinations-heading">
        <h2 id="destinations-heading" className="border-b border-slate-200 px-4 py-3 font-semibold">
          Destinations
        </h2>
        {list.length === 0 ? (
          <EmptyState title="No destinations yet">{canManage ? "Add a webhook, Slack channel or email address above." : "An admin can add one."}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200">
            {list.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
                <div className="min-w-0">
                  <p className="font-medium">
                    {d.name} <span className="text-xs text-slate-500">({d.kind}{d.enabled ? "" : ", paused"})</span>
                  </p>
                  <p className="truncate text-xs text-slate-600">
                    {d.url ?? d.email} · {d.types.length ? d.types.join(", ") : "all types"} · ≥ {d.min_severity}
                    {d.min_impact > 0 ? ` · ≥ ${d.min_impact} impact` : ""} · {d.mode}
                  </p>
                </div>
                {canManage ? (
                  <div className="flex gap-2">
                    <button type="button" className={buttonSmall} onClick={() => test.mutate(d.id)} disabled={test.isPending && test.variables === d.id}>
                      {test.isPending && test.variables === d.id ? "Sending…" : "Send test"}
                    </button>
                    <button type="button" className={buttonSmall} onClick={() => toggle.mutate(d)}>
                      {d.enabled ? "Pause" : "Resume"}
                    </button>
                    <button type="button" className={`${buttonDanger} px-2 py-1 text-xs`} onClick={() => remove.mutate(d.id)}>
                      Delete
                    </button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {test.data ? (
          <p role="status" className="border-t border-slate-200 px-4 py-2 text-sm">
            Test {test.data.status === "delivered" ? "delivered" : `not delivered yet (${test.data.last_error ?? test.data.status}); it will be retried`}.
          </p>
        ) : null}
        {test.isError ? <InlineError>{errorMessage(test.error)}</InlineError> : null}
      </section>

      <section className={cardClass} aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading" className="border-b border-slate-200 px-4 py-3 font-semibold">
          Delivery log
        </h2>
        {log.length === 0 ? (
          <EmptyState title="Nothing sent yet" />
        ) : (
          <div className="relative overflow-x-auto">
            <table className="min-w-full text-sm">
              <thead className="bg-slate-50 text-left text-xs uppercase text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-2">When</th>
                  <th scope="col" className="px-4 py-2">Destination</th>
                  <th scope="col" className="px-4 py-2">Event</th>
                  <th scope="col" className="px-4 py-2">Status</th>
                  <th scope="col" className="px-4 py-2">Attempts</th>
                  <th scope="col" className="px-4 py-2">Last response</th>
                  <th scope="col" className="px-4 py-2">Next retry</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {log.map((d) => (
                  <tr key={d.id}>
                    <td className="whitespace-nowrap px-4 py-2">{formatTime(d.created_at)}</td>
                    <td className="px-4 py-2">{d.destination_name}</td>
                    <td className="px-4 py-2">
                      {d.event}
                      {d.anomaly_id ? (
                        <a className="ml-1 text-indigo-700 underline" href={`/anomalies/${d.anomaly_id}`}>
                          #{d.anomaly_id}
                        </a>
                      ) : null}
                    </td>
                    <td className="px-4 py-2">
                      <span className={`rounded px-2 py-0.5 text-xs font-medium ${statusClass(d.status)}`}>{d.status}</span>
                    </td>
                    <td className="px-4 py-2">{d.attempts}</td>
                    <td className="px-4 py-2">{d.response_status ?? d.last_error ?? "—"}</td>
                    <td className="whitespace-nowrap px-4 py-2">{formatTime(d.next_attempt_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
