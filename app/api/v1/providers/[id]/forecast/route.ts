import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { providerForecastEndpoint } from "@/lib/cloud/endpoints";
import { getProviderForecast } from "@/lib/cloud/forecast";

export const dynamic = "force-dynamic";

export const GET = handle(providerForecastEndpoint, async ({ principal, params, query }) => ({ data: await getProviderForecast(principal.org, params.id, query.as_of) }));

export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(providerForecastEndpoint);
