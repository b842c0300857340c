"use client";
// One web anomaly (issue 15): facts (extent, resolution), the hourly chart with the expected
// band from two days before to one day after, the denominators behind a rate, the history,
// and for admins Dismiss (with a reason) and Undo. Seeded with the server's data.
import Link from "next/link";
import { useState, type ReactNode } from "react";
import type { WebAnomalyDetailJson, WebsiteJson } from "@/lib/web/schemas";
import { errorMessage } from "@/lib/client/api";
import { useWebAnomaly, useWebAnomalyVerb } from "@/lib/client/web-anomaly";
import { SeverityBadge, StatusBadge } from "./badges";
import { ChartBoundary, LazyExpectedBandChart } from "./charts/lazy";
import { BAND_CHART_HEIGHT_PX } from "./charts/sizes";
import { EmptyState, InlineError } from "./feedback";
import { formatDateTime, formatPercent, metricLabel } from "./format";
import { buttonDanger, buttonSecondary } from "./styles";
import { Card } from "./ui/card";
import { LazyDismissWebDialog } from "./lazy-dialogs";
import { formatHourTick, formatWebValue, segmentLabel } from "./web-format";

type HistoryEntry = WebAnomalyDetailJson["history"][number];

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</dt>
      <dd className="mt-0.5 break-words text-base font-medium tabular-nums" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function Facts({ anomaly }: { anomaly: WebAnomalyDetailJson }) {
  const v = (n: number) => formatWebValue(anomaly.metric_name, n);
  return (
    <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
      <Fact label="Actual (peak hour)">{v(anomaly.actual_value)}</Fact>
      <Fact label="Expected">
        {v(anomaly.expected_value)} <span className="text-sm font-normal text-slate-600">({v(anomaly.expected_lower)} – {v(anomaly.expected_upper)})</span>
      </Fact>
      <Fact label="Deviation">{formatPercent(anomaly.deviation_percentage)}</Fact>
      <Fact label="Direction">{anomaly.direction === "up" ? "Above expected" : "Below expected"}</Fact>
      <Fact label="Started">{formatDateTime(anomaly.period_start)}</Fact>
      <Fact label="Extent" testId="web-anomaly-extent">
        {anomaly.hours} {anomaly.hours === 1 ? "hour" : "hours"}, until {formatDateTime(anomaly.period_end)}
      </Fact>
      <Fact label="Resolution" testId="web-anomaly-resolution">
        {anomaly.resolved_at ? `Back to normal ${formatDateTime(anomaly.resolved_at)}` : "Ongoing"}
      </Fact>
      <Fact label="Detected">{formatDateTime(anomaly.detected_at)}</Fact>
    </dl>
  );
}

const ACTION_LABELS: Record<string, string> = { detected: "Detected", escalated: "Escalated", dismissed: "Dismissed", reopened: "Reopened", resolved: "Resolved", withdrawn: "Withdrawn", confirmed: "Confirmed", feedback: "Feedback" };

function History({ entries }: { entries: HistoryEntry[] }) {
  return (
    <Card headingId="history-heading" title="History">
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing has happened to this anomaly since it was detected.</p>
      ) : (
        <ol className="space-y-2 text-sm" data-testid="web-anomaly-history">
          {entries.map((e, i) => (
            <li key={`${e.at}-${i}`} data-testid="history-entry">
              <span className="font-medium">{ACTION_LABELS[e.action] ?? e.action}</span> by {e.by} on {formatDateTime(e.at)}
              {e.reason ? <span className="block whitespace-pre-wrap break-words text-slate-700">“{e.reason}”</span> : null}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function Dismissal({ anomaly }: { anomaly: WebAnomalyDetailJson }) {
  if (!anomaly.dismissal) return null;
  return (
    <div className="rounded border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="dismissal">
      <p>
        Dismissed by <span data-testid="dismissed-by">{anomaly.dismissal.dismissed_by ?? "unknown"}</span> on {formatDateTime(anomaly.dismissal.dismissed_at)}
      </p>
      <p className="mt-1 whitespace-pre-wrap break-words text-slate-700" data-testid="dismiss-reason">
        {anomaly.dismissal.reason ? anomaly.dismissal.reason : <span className="italic">No reason given.</span>}
      </p>
    </div>
  );
}

export function WebAnomalyDetail({
  website,
  initialData,
  canDismiss,
  actor,
  openDismiss = false,
  denominators,
}: {
  website: WebsiteJson;
  initialData: WebAnomalyDetailJson;
  canDismiss: boolean;
  actor: string;
  openDismiss?: boolean;
  /** Server-rendered (components/web-anomaly-denominators): the hourly figures do not change with a dismissal. */
  denominators: ReactNode;
}) {
  const { data } = useWebAnomaly(initialData.id, initialData);
  const anomaly = data ?? initialData;
  const verb = useWebAnomalyVerb(anomaly.id);
  const [dialogOpen, setDialogOpen] = useState(openDismiss);

  function closeDialog() {
    setDialogOpen(false);
    verb.reset();
    // The alert link's ?dismiss=1 has done its job: drop it without a reload.
    const url = new URL(window.location.href);
    if (url.searchParams.has("dismiss")) {
      url.searchParams.delete("dismiss");
      window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}`);
    }
  }

  const points = anomaly.series.map((p) => ({ x: p.hour, actual: p.actual, expected: p.expected, lower: p.lower, upper: p.upper }));
  const title = `${metricLabel(anomaly.metric_name)}${anomaly.segment ? ` · ${segmentLabel(anomaly.segment)}` : ""}`;
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-600">
          <Link href="/websites" className="text-indigo-700 underline-offset-2 hover:underline">Websites</Link> /{" "}
          <Link href={`/websites/${website.id}`} className="text-indigo-700 underline-offset-2 hover:underline">{website.domain}</Link> / anomaly
        </p>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          <SeverityBadge severity={anomaly.severity} />
          <span data-testid="anomaly-status"><StatusBadge status={anomaly.status} /></span>
          <StatusBadge status={anomaly.is_resolved ? "resolved" : "ongoing"} />
          <div className="ml-auto flex gap-2">
            {canDismiss && anomaly.status === "active" ? (
              <button type="button" className={buttonDanger} onClick={() => setDialogOpen(true)}>Dismiss</button>
            ) : null}
            {canDismiss && anomaly.status === "dismissed" ? (
              <button type="button" className={buttonSecondary} disabled={verb.isPending} onClick={() => verb.mutate({ kind: "reopen" })}>Undo dismiss</button>
            ) : null}
          </div>
        </div>
        <p className="text-sm text-slate-600">Times in UTC (site time zone {website.timezone}).</p>
      </div>
      {verb.isError && !dialogOpen ? <InlineError>{errorMessage(verb.error)}</InlineError> : null}
      <Dismissal anomaly={anomaly} />
      <Card headingId="facts-heading" title="What happened">
        <Facts anomaly={anomaly} />
      </Card>
      <Card headingId="chart-heading" title="Hourly, with the expected band (two days before, one day after)">
        {points.length === 0 ? (
          <EmptyState title="No hourly data around this anomaly" />
        ) : (
          <ChartBoundary height={BAND_CHART_HEIGHT_PX}>
            <LazyExpectedBandChart points={points} markX={anomaly.series.find((p) => p.hour === anomaly.period_start)?.hour} format={(n) => formatWebValue(anomaly.metric_name, n)} formatX={formatDateTime} formatTick={formatHourTick} />
          </ChartBoundary>
        )}
      </Card>
      {denominators}
      <History entries={anomaly.history} />
      {canDismiss ? (
        <LazyDismissWebDialog
          open={dialogOpen}
          onClose={closeDialog}
          busy={verb.isPending}
          error={verb.isError ? errorMessage(verb.error) : null}
          onConfirm={(reason) => verb.mutate({ kind: "dismiss", reason, actor }, { onSuccess: closeDialog })}
        />
      ) : null}
    </div>
  );
}
