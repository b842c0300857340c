import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { HttpError } from "@/lib/http/errors";
import { uuid } from "@/lib/http/schemas";
import { getWebMetricSeries, getWebsite, listWebAnomalies } from "@/lib/web/anomalies";
import { paramSource } from "@/lib/client/anomaly-filters";
import { SERIES_HOURS, parseChartMetric, parseWebFilters } from "@/lib/client/web-filters";
import { WebsiteDetailIsland as WebsiteDetail } from "@/components/islands/web";
import { firstParam, pathWithSearch, requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Website" };
export const dynamic = "force-dynamic";

const isNotFound = (error: unknown) => error instanceof HttpError && error.kind === "not_found";

export default async function WebsitePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id: rawId }, search] = await Promise.all([params, searchParams]);
  const user = await requireUser(pathWithSearch(`/websites/${encodeURIComponent(rawId)}`, search));
  const id = uuid.safeParse(rawId);
  if (!id.success) notFound();
  // Alert links of earlier releases (?anomaly=<id>[&dismiss=1]) land on the anomaly's own page.
  const linked = uuid.safeParse(firstParam(search.anomaly));
  if (linked.success) redirect(`/websites/${id.data}/anomalies/${linked.data}${firstParam(search.dismiss) === "1" ? "?dismiss=1" : ""}`);
  const website = await getWebsite(user.org, id.data).catch((error: unknown) => (isNotFound(error) ? null : Promise.reject(error)));
  if (!website) notFound();
  const source = paramSource(search);
  const filters = parseWebFilters(source);
  const chartMetric = parseChartMetric(source.get("chart"), filters.metric ?? "visitors");
  const [anomalies, series] = await Promise.all([
    listWebAnomalies(user.org, website.id, { ...filters, limit: 200, offset: 0, severity: undefined }),
    getWebMetricSeries(user.org, website.id, chartMetric, { hours: SERIES_HOURS }),
  ]);
  const requestHeaders = await headers();
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host") ?? "localhost:3000";
  const proto = requestHeaders.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  const snippet = `<script defer src="${proto}://${host}/tracker.js" data-website="${website.id}"></script>`;
  return (
    <WebsiteDetail
      website={website}
      initialFilters={filters}
      initialAnomalies={anomalies}
      initialChartMetric={chartMetric}
      initialSeries={series}
      snippet={snippet}
    />
  );
}
