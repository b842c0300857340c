import type { Metadata } from "next";
import Link from "next/link";
import { SeverityBadge, StatusBadge, TypeBadge } from "@/components/badges";
import { ChartBoundary } from "@/components/charts/lazy";
import { LazyTimelineChart } from "@/components/charts/lazy-timeline";
import { TIMELINE_HEIGHT_PX } from "@/components/charts/sizes";
import { EmptyState } from "@/components/feedback";
import { formatDateTime, formatDay, formatMoney, formatPercent, metricLabel } from "@/components/format";
import { cardClass } from "@/components/styles";
import { Card } from "@/components/ui/card";
import { listProviders, MISSING_AFTER_DAYS, type ProviderListItem } from "@/lib/cloud/providers";
import { loadOverview, TIMELINE_DAYS, type Overview } from "@/lib/anomalies/overview";
import { requireUser } from "@/lib/auth/session";
import { ForecastCard } from "@/components/forecast-card";
import { listProviderForecasts } from "@/lib/cloud/forecast";

export const metadata: Metadata = { title: "Overview" };
export const dynamic = "force-dynamic";

const TYPE_LABELS = { cost: "Cost", performance: "Performance", web: "Web" } as const;

export default async function OverviewPage() {
  const user = await requireUser("/");
  const [overview, providers, forecasts] = await Promise.all([loadOverview(user.org), listProviders(user.org), listProviderForecasts(user.org)]);
  const missing = providers.filter((p) => p.data_status === "missing");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
        <p className="text-sm text-slate-600">What needs a look right now, over the last {overview.periodDays} days.</p>
      </div>

      {missing.length > 0 && <DataMissingNotice providers={missing} />}

      <OverviewFigures overview={overview} />

      <ForecastCard forecasts={forecasts} month={forecasts[0]?.month ?? ""} />

      <TimelineCard overview={overview} />

      <LatestAnomaliesCard overview={overview} />
    </div>
  );
}

/** A provider whose daily data stopped arriving is a broken feed to fix, not a spend drop to alarm on. */
function DataMissingNotice({ providers }: { providers: ProviderListItem[] }) {
  return (
    <section role="status" aria-labelledby="data-missing-heading" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900" data-testid="data-missing">
      <h2 id="data-missing-heading" className="font-medium">
        Data missing
      </h2>
      <p className="mt-1">
        No daily data for more than {MISSING_AFTER_DAYS} days from:{" "}
        {providers.map((p, i) => (
          <span key={p.id}>
            {i > 0 && ", "}
            <strong>{p.name}</strong> (last day {p.last_data_date ? formatDay(p.last_data_date) : "never"})
          </span>
        ))}
        . Detection judges only days that arrived; check the export or ingest for these providers.
      </p>
    </section>
  );
}

/** The three figures at the top: active anomalies, unexplained spend, active by type and severity. */
function OverviewFigures({ overview }: { overview: Overview }) {
  return (
    <div className="grid gap-4 md:grid-cols-3">
      <section className={`${cardClass} p-4`} aria-labelledby="active-heading">
        <h2 id="active-heading" className="text-sm font-medium text-slate-600">
          Active anomalies
        </h2>
        <p className="mt-1 text-3xl font-semibold tabular-nums" data-testid="active-total">
          {overview.activeTotal}
        </p>
        <p className="mt-1 text-xs text-slate-600">not dismissed or resolved</p>
      </section>
      <section className={`${cardClass} p-4`} aria-labelledby="unexplained-heading">
        <h2 id="unexplained-heading" className="text-sm font-medium text-slate-600">
          Unexplained spend over expected
        </h2>
        <p className="mt-1 text-3xl font-semibold tabular-nums">{formatMoney(overview.unexplainedSpend)}</p>
        <p className="mt-1 text-xs text-slate-600">spend over expected of active cost incidents, all their days</p>
      </section>
      <section className={`${cardClass} p-4`} aria-labelledby="by-type-heading">
        <h2 id="by-type-heading" className="text-sm font-medium text-slate-600">
          Active by type and severity
        </h2>
        <table className="mt-2 w-full text-sm">
          <thead>
            <tr className="text-xs text-slate-600">
              <th scope="col" className="text-left font-medium">
                <span className="sr-only">Type</span>
              </th>
              <th scope="col" className="text-right font-medium">
                Critical
              </th>
              <th scope="col" className="text-right font-medium">
                Warning
              </th>
              <th scope="col" className="text-right font-medium">
                Info
              </th>
            </tr>
          </thead>
          <tbody>
            {(["cost", "performance", "web"] as const).map((type) => (
              <tr key={type}>
                <th scope="row" className="py-0.5 text-left font-normal">
                  {TYPE_LABELS[type]}
                </th>
                <td className="text-right tabular-nums">{overview.active[type].critical}</td>
                <td className="text-right tabular-nums">{overview.active[type].warning}</td>
                <td className="text-right tabular-nums">{overview.active[type].info}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function TimelineCard({ overview }: { overview: Overview }) {
  const timelineTotal = overview.timeline.reduce((s, d) => s + d.cost + d.performance + d.web, 0);
  return (
    <Card headingId="timeline-heading" title={`Anomalies per day, last ${TIMELINE_DAYS} days`}>
      {timelineTotal === 0 ? (
        <div style={{ height: TIMELINE_HEIGHT_PX }} className="flex items-center justify-center">
          <EmptyState title={`No anomalies in the last ${TIMELINE_DAYS} days`}>Detection runs on a schedule; new data shows up here once it is flagged.</EmptyState>
        </div>
      ) : (
        <figure>
          <ChartBoundary height={TIMELINE_HEIGHT_PX}>
            <LazyTimelineChart days={overview.timeline} />
          </ChartBoundary>
          <figcaption className="sr-only">
            {timelineTotal} anomalies in the last {TIMELINE_DAYS} days, stacked by type.
          </figcaption>
        </figure>
      )}
    </Card>
  );
}

function LatestAnomaliesCard({ overview }: { overview: Overview }) {
  return (
    <Card
      headingId="latest-heading"
      title="Latest anomalies"
      flush
      actions={
        <Link href="/anomalies" className="text-sm text-indigo-700 underline-offset-2 hover:underline">
          All cloud anomalies
        </Link>
      }
    >
      {overview.latest.length === 0 ? (
        <EmptyState title={`No anomalies in the last ${TIMELINE_DAYS} days`}>Nothing to look at. Connect a provider or a website in Settings to start watching.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {overview.latest.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 text-sm">
              <Link href={a.href} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
                {a.type === "cost" ? "Spend" : metricLabel(a.metric)} on {formatDay(a.day)}
              </Link>
              <TypeBadge type={a.type} />
              <SeverityBadge severity={a.severity} />
              <StatusBadge status={a.status} />
              <span className="text-slate-600">{a.source}</span>
              <span className="ml-auto tabular-nums">{formatPercent(a.deviationPercent)}</span>
              <span className="w-full text-xs text-slate-500 sm:w-auto">detected {formatDateTime(a.detectedAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
