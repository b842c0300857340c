import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HttpError } from "@/lib/http/errors";
import { uuid } from "@/lib/http/schemas";
import { webAnomalyIdParams } from "@/lib/web/schemas";
import { getWebsite } from "@/lib/web/anomalies";
import { getWebAnomalyDetail } from "@/lib/web/anomaly-detail";
import { WebAnomalyDetailIsland as WebAnomalyDetail } from "@/components/islands/web";
import { WebAnomalyDenominators } from "@/components/web-anomaly-denominators";
import { firstParam, pathWithSearch, requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Website anomaly" };
export const dynamic = "force-dynamic";

const nullIfNotFound = (error: unknown) => (error instanceof HttpError && error.kind === "not_found" ? null : Promise.reject(error));

export default async function WebAnomalyPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; anomalyId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id: rawId, anomalyId: rawAnomalyId }, search] = await Promise.all([params, searchParams]);
  // Keep the query (an alert's ?dismiss=1) through a sign-in.
  const user = await requireUser(pathWithSearch(`/websites/${encodeURIComponent(rawId)}/anomalies/${encodeURIComponent(rawAnomalyId)}`, search));
  const id = uuid.safeParse(rawId);
  const anomalyId = webAnomalyIdParams.safeParse({ id: rawAnomalyId });
  if (!id.success || !anomalyId.success) notFound();
  const [website, anomaly] = await Promise.all([getWebsite(user.org, id.data).catch(nullIfNotFound), getWebAnomalyDetail(user.org, anomalyId.data.id).catch(nullIfNotFound)]);
  // Another organization's anomaly, or one of another site, is indistinguishable from a missing one.
  if (!website || !anomaly || anomaly.website_id !== website.id) notFound();
  const canDismiss = user.role === "admin";
  const openDismiss = canDismiss && anomaly.status === "active" && firstParam(search.dismiss) === "1";
  return <WebAnomalyDetail website={website} initialData={anomaly} canDismiss={canDismiss} actor={user.email} openDismiss={openDismiss} denominators={<WebAnomalyDenominators anomaly={anomaly} />} />;
}
