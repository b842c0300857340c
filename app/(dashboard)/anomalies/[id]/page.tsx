import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HttpError } from "@/lib/http/errors";
import { anomalyIdParams } from "@/lib/cloud/schemas";
import { getAnomaly } from "@/lib/cloud/anomalies";
import { listProviders } from "@/lib/cloud/providers";
import { AnomalyDetailIsland as AnomalyDetail } from "@/components/islands/cloud";
import { AnomalyServicesTable } from "@/components/anomaly-services-table";
import { dailyBandPoints } from "@/components/charts/band-points";
import { BAND_CHART_HEIGHT_PX } from "@/components/charts/sizes";
import { StaticBandChartFallback } from "@/components/charts/static-band-chart";
import { formatAmount, formatShortDay } from "@/components/format";
import { RootCausesCard } from "@/components/root-causes-card";
import { firstParam, pathWithSearch, requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Anomaly" };
// No loading.tsx above this page (the list's is in the (list) group, the dashboard's in (overview),
// settings and websites): with a skeleton in the first HTML, React reveals the streamed page no
// sooner than 300 ms after the skeleton paints. Without one the page, its static chart included,
// arrives in the first paint; a client navigation keeps the list on screen until the page is ready.
export const dynamic = "force-dynamic";

export default async function AnomalyPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id: rawId }, search] = await Promise.all([params, searchParams]);
  // Keep the query (e.g. Slack's ?dismiss=1) through a sign-in.
  const user = await requireUser(pathWithSearch(`/anomalies/${encodeURIComponent(rawId)}`, search));
  const parsed = anomalyIdParams.safeParse({ id: rawId });
  if (!parsed.success) notFound();
  // Both queries at once: the page (and its chart) can only start once the slower one is back.
  const [anomaly, providers] = await Promise.all([
    getAnomaly(user.org, parsed.data.id).catch((error: unknown) => {
      if (error instanceof HttpError && error.kind === "not_found") return null;
      throw error;
    }),
    listProviders(user.org),
  ]);
  // Another organization's anomaly is indistinguishable from a missing one.
  if (!anomaly) notFound();
  const providerName = providers.find((p) => p.id === anomaly.provider_id)?.name ?? null;
  const canDismiss = user.role === "admin";
  // Slack alerts link to ?dismiss=1: an admin lands in the dismiss dialog of an active anomaly.
  const openDismiss = canDismiss && anomaly.status === "active" && firstParam(search.dismiss) === "1";
  const money = (n: number | null) => formatAmount(n, anomaly.type);
  return (
    <AnomalyDetail
      initialData={anomaly}
      providerName={providerName}
      canDismiss={canDismiss}
      actor={user.email}
      openDismiss={openDismiss}
      servicesTable={<AnomalyServicesTable anomaly={anomaly} />}
      rootCauses={<RootCausesCard anomaly={anomaly} money={money} />}
      chartPlaceholder={<StaticBandChartFallback points={dailyBandPoints(anomaly.series)} markX={anomaly.date} formatTick={formatShortDay} height={BAND_CHART_HEIGHT_PX} />}
    />
  );
}
