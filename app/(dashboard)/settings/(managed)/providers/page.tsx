import type { Metadata } from "next";
import { listProviders } from "@/lib/cloud/providers";
import { ProvidersManagerIsland as ProvidersManager } from "@/components/islands/settings";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Providers" };
export const dynamic = "force-dynamic";

export default async function ProvidersPage() {
  const user = await requireUser("/settings/providers");
  return <ProvidersManager initialData={await listProviders(user.org)} canManage={user.role === "admin"} />;
}
