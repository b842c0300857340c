"use client";
// The list-editing settings pages' React Query islands (lib/client/query-island.tsx says why).
import { queryIsland } from "@/lib/client/query-island";

export const AlertsManagerIsland = queryIsland(() => import("../alerts/alerts-manager").then((m) => m.AlertsManager));
export const SimulationPreviewIsland = queryIsland(() => import("../suppressions/simulation-preview").then((m) => m.SimulationPreview));
export const SuppressionRulesCardIsland = queryIsland(() => import("../suppressions/suppression-rules-card").then((m) => m.SuppressionRulesCard));
export const ApiKeysManagerIsland = queryIsland(() => import("../api-keys-manager").then((m) => m.ApiKeysManager));
export const MembersManagerIsland = queryIsland(() => import("../members-manager").then((m) => m.MembersManager));
export const MonitorsManagerIsland = queryIsland(() => import("../monitors-manager").then((m) => m.MonitorsManager));
export const ProvidersManagerIsland = queryIsland(() => import("../providers-manager").then((m) => m.ProvidersManager));
export const WebsitesManagerIsland = queryIsland(() => import("../websites-manager").then((m) => m.WebsitesManager));
