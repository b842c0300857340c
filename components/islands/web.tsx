"use client";
// A website's pages' React Query islands (lib/client/query-island.tsx says why).
import { queryIsland } from "@/lib/client/query-island";

export const WebsiteDetailIsland = queryIsland(() => import("../website-detail").then((m) => m.WebsiteDetail));

export const WebAnomalyDetailIsland = queryIsland(() => import("../web-anomaly-detail").then((m) => m.WebAnomalyDetail));

export const WebsiteSettingsFormIsland = queryIsland(() => import("../website-settings-form").then((m) => m.WebsiteSettingsForm));
