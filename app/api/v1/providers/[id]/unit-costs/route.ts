import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { getUnitCostsEndpoint } from "@/lib/cloud/endpoints";
import { getUnitCosts } from "@/lib/cloud/unit-costs";

export const dynamic = "force-dynamic";

export const GET = handle(getUnitCostsEndpoint, async ({ principal, params, query }) => ({ data: await getUnitCosts(principal.org, params.id, query) }));

export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(getUnitCostsEndpoint);
