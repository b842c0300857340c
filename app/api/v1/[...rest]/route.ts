// Unknown URLs under /api/v1 answer in the API's error shape rather than an HTML 404 page.
import { unknownEndpoint } from "@/lib/http/handle";

export const dynamic = "force-dynamic";

const unknown = unknownEndpoint("cloudV1");
export { unknown as GET, unknown as POST, unknown as PUT, unknown as PATCH, unknown as DELETE };
