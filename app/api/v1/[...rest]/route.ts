// Unknown URLs under /api/v1 answer in the API's error shape rather than an HTML 404 page.
import { errorResponse } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { notFound } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

const unknown = async () => errorResponse(v1Flavor, notFound("Endpoint"));
export { unknown as GET, unknown as POST, unknown as PUT, unknown as PATCH, unknown as DELETE };
