// Dashboard-only: rename a provider or set its budget, or remove it (admins). Removing deletes its data.
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { deleteProviderEndpoint, renameProviderEndpoint } from "@/lib/cloud/endpoints";
import { deleteProvider, getProvider, renameProvider } from "@/lib/cloud/providers";
import { setProviderBudget } from "@/lib/cloud/forecast";
import { recordAudit } from "@/lib/org/audit";

export const dynamic = "force-dynamic";

export const PATCH = handle(renameProviderEndpoint, async ({ principal, params, body }) => {
  if (body.budget !== undefined) await setProviderBudget(principal.org, params.id, body.budget);
  const provider = body.name !== undefined ? await renameProvider(principal.org, params.id, body.name) : await getProvider(principal.org, params.id);
  await recordAudit({ orgId: principal.org.id, actor: principal.label, action: "provider.update", targetType: "provider", targetId: params.id, details: { ...body } });
  return { data: provider };
});

export const DELETE = handle(deleteProviderEndpoint, async ({ principal, params }) => {
  await deleteProvider(principal.org, params.id);
  await recordAudit({ orgId: principal.org.id, actor: principal.label, action: "provider.delete", targetType: "provider", targetId: params.id });
});

export const { GET, POST, PUT } = rejectOtherMethods(renameProviderEndpoint, deleteProviderEndpoint);
