// Unknown URLs under /api/external answer in the external API's error shape.
import { errorResponse } from "@/lib/http/route";
import { externalFlavor } from "@/lib/http/flavors";
import { notFound } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

const unknown = async () => errorResponse(externalFlavor, notFound("Endpoint"));
export { unknown as GET, unknown as POST, unknown as PUT, unknown as PATCH, unknown as DELETE };
