// Dashboard-only: list and add the organization's cloud providers.
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { createProviderEndpoint, listProviderSettingsEndpoint } from "@/lib/cloud/endpoints";
import { createProvider, listProviders } from "@/lib/cloud/providers";
import { recordAudit } from "@/lib/org/audit";

export const dynamic = "force-dynamic";

export const GET = handle(listProviderSettingsEndpoint, async ({ principal }) => ({ data: await listProviders(principal.org) }));

export const POST = handle(createProviderEndpoint, async ({ principal, body }) => {
  const provider = await createProvider(principal.org, { kind: body.kind, name: body.name, accountId: body.account_id || null, currency: body.currency });
  await recordAudit({ orgId: principal.org.id, actor: principal.label, action: "provider.create", targetType: "provider", targetId: provider.id, details: { kind: provider.kind, name: provider.name } });
  return { data: provider };
});

export const { PUT, PATCH, DELETE } = rejectOtherMethods(listProviderSettingsEndpoint, createProviderEndpoint);
