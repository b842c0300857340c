import type { Metadata } from "next";
import { listMonitors } from "@/lib/cloud/monitors";
import { listProviders } from "@/lib/cloud/providers";
import { MonitorsManagerIsland as MonitorsManager } from "@/components/islands/settings";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Monitors" };
export const dynamic = "force-dynamic";

export default async function MonitorsPage() {
  const user = await requireUser("/settings/monitors");
  const [monitors, providers] = await Promise.all([listMonitors(user.org), listProviders(user.org)]);
  return <MonitorsManager initialData={monitors} providers={providers.map((p) => ({ id: p.id, name: p.name }))} canManage={user.role === "admin"} />;
}
