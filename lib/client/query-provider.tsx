"use client";
// One QueryClient per browser tab (created lazily so server renders never share one). Only the
// React Query islands mount this provider (query-island.tsx: issue 12's first-load budget); they
// all share the tab's client, so the cache survives client navigation between pages as it did when
// the dashboard layout held the one provider.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { ApiError } from "./api";

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Pages arrive with server-fetched data; don't refetch it right after hydration.
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will not change on retry; network blips and 5xx might.
        retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      },
    },
  });
}

let browserClient: QueryClient | undefined;

function tabQueryClient(): QueryClient {
  if (typeof window === "undefined") return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}

export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(tabQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
