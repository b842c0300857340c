import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { listProvidersEndpoint } from "@/lib/cloud/endpoints";
import { listProviders } from "@/lib/cloud/providers";

export const dynamic = "force-dynamic";

export const GET = handle(listProvidersEndpoint, async ({ principal }) => ({ data: await listProviders(principal.org) }));

export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(listProvidersEndpoint);
