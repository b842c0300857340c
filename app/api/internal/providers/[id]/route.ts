// Dashboard-only: rename or remove a provider (admins). Removing deletes its data.
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { deleteProviderEndpoint, renameProviderEndpoint } from "@/lib/cloud/endpoints";
import { deleteProvider, renameProvider } from "@/lib/cloud/providers";

export const dynamic = "force-dynamic";

export const PATCH = handle(renameProviderEndpoint, async ({ principal, params, body }) => ({ data: await renameProvider(principal.org, params.id, body.name) }));

export const DELETE = handle(deleteProviderEndpoint, async ({ principal, params }) => {
  await deleteProvider(principal.org, params.id);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT } = rejectOtherMethods(renameProviderEndpoint, deleteProviderEndpoint);
