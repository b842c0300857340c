import type { ReactNode } from "react";
import { QueryProvider } from "@/lib/client/query-provider";

// A website's page, settings and web anomalies read through React Query hooks.
export default function WebsiteLayout({ children }: { children: ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>;
}
