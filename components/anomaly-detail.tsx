"use client";
import Link from "next/link";
// One cloud anomaly: facts, the expected-band chart, the per-service breakdown and,
// for admins, the dismiss dialog. Seeded with the server's data; React Query keeps it
// current after a dismissal.
import { Suspense, useEffect, useRef, useState, type ReactNode } from "react";
import type { CloudAnomalyDetailJson } from "@/lib/cloud/schemas";
import { useAnomaly } from "@/lib/client/anomalies";
import { lazyComponent } from "@/lib/client/lazy-component";
import { SeverityBadge, StatusBadge, TypeBadge } from "./badges";
import { dailyBandPoints } from "./charts/band-points";
import { ChartBoundary, LazyExpectedBandChartInSuspense, LazyServiceBreakdownChart } from "./charts/lazy";
import { BAND_CHART_HEIGHT_PX, serviceChartHeight } from "./charts/sizes";
import type { DismissTarget } from "./dismiss-dialog";
import { LazyDismissDialog } from "./lazy-dialogs";
import { EmptyState } from "./feedback";
import { formatAmount, formatDateTime, formatDay, formatPercent, metricLabel } from "./format";
import { buttonDanger, cardClass } from "./styles";
import { Card } from "./ui/card";

// Below the chart, and not needed to hydrate what comes first (issue 12's first-load budget): the
// cost-and-traffic card (which fetches its own data) and the feedback card load as their own
// chunks. Server rendering stays on, so the HTML is complete.
const LazyCompletenessNotes = lazyComponent(() => import("./cost-traffic-card").then((m) => m.CompletenessNotes));
const LazyAnomalyFeedbackCard = lazyComponent(() => import("./anomaly-feedback").then((m) => m.AnomalyFeedbackCard));

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</dt>
      <dd className="mt-0.5 break-words text-base font-medium tabular-nums" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function ChartLegend() {
  return (
    <p className="flex flex-wrap gap-3 text-xs text-slate-700" aria-hidden="true">
      <span>
        <span className="mr-1 inline-block h-0.5 w-4 bg-slate-900 align-middle" />
        Actual
      </span>
      <span>
        <span className="mr-1 inline-block w-4 border-t-2 border-dashed border-indigo-600 align-middle" />
        Expected
      </span>
      <span>
        <span className="mr-1 inline-block h-2.5 w-4 bg-indigo-500/20 align-middle" />
        Expected range
      </span>
    </p>
  );
}

type Money = (n: number | null) => string;

function AnomalyFacts({ anomaly, money }: { anomaly: CloudAnomalyDetailJson; money: Money }) {
  return (
    <section aria-labelledby="facts-heading" className={`${cardClass} p-4`}>
      <h2 id="facts-heading" className="sr-only">
        Facts
      </h2>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4">
        <Fact label="Actual" testId="fact-actual">
          {money(anomaly.actual_amount)}
        </Fact>
        <Fact label="Expected">{money(anomaly.expected_amount)}</Fact>
        <Fact label="Upper bound">{money(anomaly.expected_upper)}</Fact>
        <Fact label="Deviation">{formatPercent(anomaly.deviation_percent)}</Fact>
        <Fact label="Expected range">
          {money(anomaly.expected_lower)} – {money(anomaly.expected_upper)}
        </Fact>
        <Fact label="Detected at">{formatDateTime(anomaly.detected_at)}</Fact>
        <Fact label="Status">{anomaly.status}</Fact>
        <Fact label="Metric">{anomaly.type === "cost" ? "Daily spend" : metricLabel(anomaly.metric)}</Fact>
        <Fact label="Incident" testId="incident-extent">
          {anomaly.direction === "down" ? "Drop, " : ""}
          {anomaly.days === 1 ? "1 day" : `${anomaly.days} days, to ${formatDay(anomaly.last_date)}`}
          {anomaly.is_resolved && anomaly.resolved_at ? ` · resolved ${formatDateTime(anomaly.resolved_at)}` : " · ongoing"}
        </Fact>
        <Fact label="Impact" testId="incident-impact">
          {money(anomaly.impact)}
        </Fact>
        {anomaly.withdrawn_at ? <Fact label="Withdrawn">{formatDateTime(anomaly.withdrawn_at)} (no longer supported by the data or settings)</Fact> : null}
      </dl>
      {anomaly.dismissal ? (
        <div className="mt-4 rounded border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="dismissal">
          <p className="font-medium">
            Dismissed by <span data-testid="dismissed-by">{anomaly.dismissal.dismissed_by ?? "unknown"}</span> on {formatDateTime(anomaly.dismissal.dismissed_at)}
          </p>
          <p className="mt-1 whitespace-pre-wrap break-words text-slate-700" data-testid="dismiss-reason">
            {anomaly.dismissal.reason ? anomaly.dismissal.reason : <span className="italic">No reason given.</span>}
          </p>
        </div>
      ) : null}
    </section>
  );
}

function ServicesCard({ anomaly, money, table }: { anomaly: CloudAnomalyDetailJson; money: Money; table: ReactNode }) {
  const serviceHeight = serviceChartHeight(anomaly.services.length);
  return (
    <Card headingId="services-heading" title={`Top services on ${formatDay(anomaly.date)}`}>
      {anomaly.services.length === 0 ? (
        <EmptyState title="No per-service figures for this day" />
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <div style={{ minHeight: serviceHeight }}>
            <ChartBoundary height={serviceHeight}>
              <LazyServiceBreakdownChart services={anomaly.services} format={(n) => money(n)} />
            </ChartBoundary>
          </div>
          {table}
        </div>
      )}
    </Card>
  );
}

export function AnomalyDetail({
  initialData,
  providerName,
  canDismiss,
  actor,
  openDismiss = false,
  servicesTable,
  rootCauses,
  chartPlaceholder,
}: {
  initialData: CloudAnomalyDetailJson;
  providerName: string | null;
  canDismiss: boolean;
  actor: string;
  /** Open the dismiss dialog on arrival (a `?dismiss=1` link from an alert; the server checked role and status). */
  openDismiss?: boolean;
  /** Server-rendered parts that a dismissal does not change (components/anomaly-services-table, root-causes-card). */
  servicesTable: ReactNode;
  rootCauses: ReactNode;
  /** The server-drawn static chart (components/charts/static-band-chart.tsx), shown until the interactive one's chunk is loaded. */
  chartPlaceholder: ReactNode;
}) {
  const { data } = useAnomaly(initialData.id, initialData);
  const anomaly = data ?? initialData;
  const [dismissTarget, setDismissTarget] = useState<DismissTarget | null>(openDismiss ? initialData : null);

  const dismissButton = useRef<HTMLButtonElement>(null);
  // Opened by the link rather than the button, the dialog has no control to hand focus
  // back to; keyboard users land on the Dismiss button instead. (This effect runs after
  // the dialog's own, which has closed it by then.)
  const focusButtonAfterClose = useRef(openDismiss);
  useEffect(() => {
    if (dismissTarget !== null || !focusButtonAfterClose.current) return;
    focusButtonAfterClose.current = false;
    dismissButton.current?.focus();
  }, [dismissTarget]);

  function closeDismiss() {
    setDismissTarget(null);
    // The link's ?dismiss=1 has done its job: drop it (no reload) so a refresh or a
    // copied URL does not reopen the dialog. Next keeps its router in sync with replaceState.
    const url = new URL(window.location.href);
    if (url.searchParams.has("dismiss")) {
      url.searchParams.delete("dismiss");
      window.history.replaceState(null, "", `${url.pathname}${url.search}${url.hash}`);
    }
  }
  const money = (n: number | null) => formatAmount(n, anomaly.type);

  return (
    <div className="space-y-6">
      <AnomalyHeader anomaly={anomaly} providerName={providerName}>
        {canDismiss && anomaly.status === "active" ? (
          <button ref={dismissButton} type="button" className={buttonDanger} onClick={() => setDismissTarget(anomaly)}>
            Dismiss
          </button>
        ) : null}
      </AnomalyHeader>

      <AnomalyFacts anomaly={anomaly} money={money} />

      <AnomalyChartCard anomaly={anomaly} money={money} placeholder={chartPlaceholder} />
      <LazyCompletenessNotes anomaly={anomaly} />

      <ServicesCard anomaly={anomaly} money={money} table={servicesTable} />

      {rootCauses}
      <LazyAnomalyFeedbackCard anomaly={anomaly} canAct={canDismiss} />

      {canDismiss ? <LazyDismissDialog target={dismissTarget} actor={actor} onClose={closeDismiss} /> : null}
    </div>
  );
}

/** Breadcrumb, title, badges and the page's action (the Dismiss button, for admins). */
function AnomalyHeader({ anomaly, providerName, children }: { anomaly: CloudAnomalyDetailJson; providerName: string | null; children: ReactNode }) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div className="min-w-0">
        <p className="text-sm text-slate-600">
          <Link href="/anomalies" className="text-indigo-700 underline-offset-2 hover:underline">
            Cloud anomalies
          </Link>{" "}
          / #{anomaly.id}
        </p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">
          {anomaly.type === "cost" ? "Cost" : metricLabel(anomaly.metric)} anomaly on {formatDay(anomaly.date)}
        </h1>
        <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
          <TypeBadge type={anomaly.type} />
          <SeverityBadge severity={anomaly.severity} />
          <span data-testid="anomaly-status">
            <StatusBadge status={anomaly.status} />
          </span>
          {providerName ? <span className="text-slate-600">{providerName}</span> : null}
        </div>
      </div>
      {children}
    </div>
  );
}

function AnomalyChartCard({ anomaly, money, placeholder }: { anomaly: CloudAnomalyDetailJson; money: (n: number | null) => string; placeholder: ReactNode }) {
  const unit = anomaly.type === "cost" ? "spend" : metricLabel(anomaly.metric).toLowerCase();
  const points = dailyBandPoints(anomaly.series);
  return (
    <Card headingId="chart-heading" title={`Actual vs expected ${unit}`} actions={<ChartLegend />}>
      {points.length ? (
        <figure>
          <ChartBoundary height={BAND_CHART_HEIGHT_PX}>
            {/* The chart's chunk is still loading when the server writes the first HTML: with the static
                chart as the fallback, that HTML (and the first paint) already shows the chart. */}
            <Suspense fallback={placeholder}>
              <LazyExpectedBandChartInSuspense points={points} markX={anomaly.date} format={money} />
            </Suspense>
          </ChartBoundary>
          <figcaption className="sr-only">
            Daily {unit} from {formatDay(points[0].x)} to {formatDay(points[points.length - 1].x)}; on {formatDay(anomaly.date)} it was {money(anomaly.actual_amount)}{" "}
            against an expected {money(anomaly.expected_amount)} (upper bound {money(anomaly.expected_upper)}).
          </figcaption>
        </figure>
      ) : (
        <EmptyState title="No data around this day">The provider has no data near {formatDay(anomaly.date)} any more.</EmptyState>
      )}
    </Card>
  );
}
