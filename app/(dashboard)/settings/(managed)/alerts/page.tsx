import type { Metadata } from "next";
import { listDeliveries, listDestinations } from "@/lib/alerts/destinations";
import { AlertsManagerIsland as AlertsManager, SimulationPreviewIsland as SimulationPreview, SuppressionRulesCardIsland as SuppressionRulesCard } from "@/components/islands/settings";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Alerts" };
export const dynamic = "force-dynamic";

export default async function AlertsSettingsPage() {
  const user = await requireUser("/settings/alerts");
  const [destinations, deliveries] = await Promise.all([listDestinations(user.org.id, { showUrls: user.role === "admin" }), listDeliveries(user.org.id)]);
  return (
    <div className="space-y-6">
      <AlertsManager initialDestinations={destinations} initialDeliveries={deliveries} canManage={user.role === "admin"} />
      <SimulationPreview />
      <SuppressionRulesCard canManage={user.role === "admin"} />
    </div>
  );
}
