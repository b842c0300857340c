"use client";
// The anomaly page's "Cost and traffic" card (issue 14): for a provider linked to a website,
// its spend and the site's visitors on the same days, with what the engine concluded
// (explained by traffic, or a unit-cost anomaly). Renders nothing for unlinked providers.
import type { CloudAnomalyDetailJson } from "@/lib/cloud/schemas";
import { lazyComponent } from "@/lib/client/lazy-component";
import { useProviderLinks, useUnitCosts } from "@/lib/client/unit-costs";
import { ChartBoundary } from "./charts/lazy";
import { BAND_CHART_HEIGHT_PX } from "./charts/sizes";
import { ChartSkeleton } from "./feedback";
import { formatDay, formatMoney, formatPercent } from "./format";
import { Card } from "./ui/card";

const LazyCostTrafficChart = lazyComponent(() => import("./charts/cost-traffic-chart").then((m) => m.default), <ChartSkeleton height={BAND_CHART_HEIGHT_PX} />);

const CHART_DAYS = 60;

function verdict(anomaly: CloudAnomalyDetailJson): string {
  if (anomaly.explained_by) return `Explained by traffic: visitors were ${formatPercent(anomaly.explained_by.deviation_percent)} above their usual level while the cost per 1,000 visitors stayed in its range, so this anomaly is one severity level lower.`;
  if (anomaly.metric === "cost_per_1k_visitors") return "Spend rose while traffic stayed flat: the cost per 1,000 visitors left its expected range.";
  return "Traffic does not explain this day: the cost per 1,000 visitors was not in its usual range, or visitors did not rise.";
}

export function CostTrafficCard({ anomaly }: { anomaly: CloudAnomalyDetailJson }) {
  const links = useProviderLinks(anomaly.type === "cost" ? anomaly.provider_id : 0);
  const websiteId = anomaly.explained_by?.website_id ?? links.data?.[0]?.website_id ?? null;
  const days = useUnitCosts(anomaly.provider_id, websiteId, CHART_DAYS);
  if (anomaly.type !== "cost" || !websiteId) return null;
  const money = (n: number | null) => (n === null ? "—" : formatMoney(n));
  return (
    <Card headingId="cost-traffic-heading" title="Cost and traffic">
      <p className="mb-3 text-sm text-slate-700" data-testid="cost-traffic-verdict">
        {verdict(anomaly)}
      </p>
      {days.data?.length ? (
        <figure>
          <ChartBoundary height={BAND_CHART_HEIGHT_PX}>
            <LazyCostTrafficChart points={days.data} markDate={anomaly.date} formatCost={money} />
          </ChartBoundary>
          <figcaption className="sr-only">
            Daily spend and visitors of the linked website from {formatDay(days.data[0].date)} to {formatDay(days.data[days.data.length - 1].date)}.
          </figcaption>
        </figure>
      ) : days.isError ? (
        <p className="text-sm text-slate-600">The linked website&apos;s traffic could not be loaded.</p>
      ) : (
        <ChartSkeleton height={BAND_CHART_HEIGHT_PX} />
      )}
    </Card>
  );
}

/** Issue 14 on the anomaly page: the provisional notice and the cost-and-traffic card. */
export function CompletenessNotes({ anomaly }: { anomaly: CloudAnomalyDetailJson }) {
  return (
    <>
      {anomaly.provisional ? (
        <p role="note" className="rounded border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="provisional-note">
          Provisional: the bill for {formatDay(anomaly.date)} has not settled yet. This anomaly is re-checked when it does (confirmed, escalated or withdrawn), and until then it is only alerted when its impact is large.
        </p>
      ) : null}
      <CostTrafficCard anomaly={anomaly} />
    </>
  );
}
