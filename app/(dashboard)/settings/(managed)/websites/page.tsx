import type { Metadata } from "next";
import { listWebsites } from "@/lib/web/anomalies";
import { WebsitesManagerIsland as WebsitesManager } from "@/components/islands/settings";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Websites" };
export const dynamic = "force-dynamic";

export default async function WebsiteSettingsPage() {
  const user = await requireUser("/settings/websites");
  return <WebsitesManager initialData={await listWebsites(user.org)} canManage={user.role === "admin"} />;
}
