import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HttpError } from "@/lib/http/errors";
import { anomalyIdParams } from "@/lib/schemas/cloud";
import { getAnomaly } from "@/lib/services/cloud-anomalies";
import { listProviders } from "@/lib/services/providers";
import { AnomalyDetail } from "@/components/anomaly-detail";
import { requireUser } from "../../_server/session";

export const metadata: Metadata = { title: "Anomaly" };
export const dynamic = "force-dynamic";

export default async function AnomalyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: rawId } = await params;
  const user = await requireUser(`/anomalies/${encodeURIComponent(rawId)}`);
  const parsed = anomalyIdParams.safeParse({ id: rawId });
  if (!parsed.success) notFound();
  const anomaly = await getAnomaly(user.org, parsed.data.id).catch((error: unknown) => {
    if (error instanceof HttpError && error.kind === "not_found") return null;
    throw error;
  });
  // Another organization's anomaly is indistinguishable from a missing one.
  if (!anomaly) notFound();
  const providers = await listProviders(user.org);
  const providerName = providers.find((p) => p.id === anomaly.provider_id)?.name ?? null;
  return <AnomalyDetail initialData={anomaly} providerName={providerName} canDismiss={user.role === "admin"} actor={user.email} />;
}
