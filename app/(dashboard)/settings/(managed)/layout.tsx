import type { ReactNode } from "react";
import { QueryProvider } from "@/lib/client/query-provider";

// The settings pages that edit lists (route group: the URLs stay /settings/…) use React Query
// hooks; the plan and audit pages render on the server only and load no React Query.
export default function ManagedSettingsLayout({ children }: { children: ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>;
}
