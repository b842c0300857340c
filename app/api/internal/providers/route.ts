// Dashboard-only: list and add the organization's cloud providers.
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { createProviderEndpoint, listProviderSettingsEndpoint } from "@/lib/cloud/endpoints";
import { createProvider, listProviders } from "@/lib/cloud/providers";

export const dynamic = "force-dynamic";

export const GET = handle(listProviderSettingsEndpoint, async ({ principal }) => ({ data: await listProviders(principal.org) }));

export const POST = handle(createProviderEndpoint, async ({ principal, body }) => ({
  data: await createProvider(principal.org, { kind: body.kind, name: body.name, accountId: body.account_id || null, currency: body.currency }),
}));

export const { PUT, PATCH, DELETE } = rejectOtherMethods(listProviderSettingsEndpoint, createProviderEndpoint);
