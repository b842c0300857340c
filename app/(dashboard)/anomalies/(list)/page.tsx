import type { Metadata } from "next";
import { listAnomalies } from "@/lib/cloud/anomalies";
import { listProviders } from "@/lib/cloud/providers";
import { paramSource, parseAnomalyTableState } from "@/lib/client/anomaly-filters";
import { AnomalyTableIsland as AnomalyTable } from "@/components/islands/cloud";
import { pathWithSearch, requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Cloud anomalies" };
export const dynamic = "force-dynamic";

export default async function AnomaliesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const user = await requireUser(pathWithSearch("/anomalies", params));
  const state = parseAnomalyTableState(paramSource(params));
  const [anomalies, providers] = await Promise.all([listAnomalies(user.org, state.filters), listProviders(user.org)]);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Cloud anomalies</h1>
        <p className="text-sm text-slate-600">Days where spend or performance left its expected range. Open one to see why it was flagged.</p>
      </div>
      <AnomalyTable initialState={state} initialData={anomalies} providers={providers} canDismiss={user.role === "admin"} actor={user.email} />
    </div>
  );
}
