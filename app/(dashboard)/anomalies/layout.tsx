import type { ReactNode } from "react";
import { QueryProvider } from "@/lib/client/query-provider";

// The cloud anomaly list and detail read and dismiss through React Query hooks.
export default function AnomaliesLayout({ children }: { children: ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>;
}
