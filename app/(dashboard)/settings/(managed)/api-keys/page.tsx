import type { Metadata } from "next";
import { listApiKeys } from "@/lib/org/api-keys";
import { ApiKeysManagerIsland as ApiKeysManager } from "@/components/islands/settings";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API keys" };
export const dynamic = "force-dynamic";

export default async function ApiKeysPage() {
  const user = await requireUser("/settings/api-keys");
  const keys = await listApiKeys(user.org);
  return <ApiKeysManager initialData={keys} canManage={user.role === "admin"} />;
}
