"use client";
// The cloud anomaly pages' React Query islands (lib/client/query-island.tsx says why).
import { queryIsland } from "@/lib/client/query-island";

export const AnomalyTableIsland = queryIsland(() => import("../anomaly-table").then((m) => m.AnomalyTable));

export const AnomalyDetailIsland = queryIsland(() => import("../anomaly-detail").then((m) => m.AnomalyDetail));
