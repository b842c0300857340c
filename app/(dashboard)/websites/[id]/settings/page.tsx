import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HttpError } from "@/lib/http/errors";
import { uuid } from "@/lib/http/schemas";
import { getWebsite } from "@/lib/web/anomalies";
import { getWebsiteSettings } from "@/lib/web/site-settings";
import { WebsiteSettingsFormIsland as WebsiteSettingsForm } from "@/components/islands/web";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Website settings" };
export const dynamic = "force-dynamic";

const nullIfNotFound = (error: unknown) => (error instanceof HttpError && error.kind === "not_found" ? null : Promise.reject(error));

export default async function WebsiteSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: rawId } = await params;
  const user = await requireUser(`/websites/${encodeURIComponent(rawId)}/settings`);
  const id = uuid.safeParse(rawId);
  if (!id.success) notFound();
  const [website, settings] = await Promise.all([getWebsite(user.org, id.data).catch(nullIfNotFound), getWebsiteSettings(user.org, id.data).catch(nullIfNotFound)]);
  if (!website || !settings) notFound();
  return <WebsiteSettingsForm website={website} initialSettings={settings} canEdit={user.role === "admin"} />;
}
