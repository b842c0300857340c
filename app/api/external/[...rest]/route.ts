// Unknown URLs under /api/external answer in the external API's error shape.
import { unknownEndpoint } from "@/lib/http/handle";

export const dynamic = "force-dynamic";

const unknown = unknownEndpoint("external");
export { unknown as GET, unknown as POST, unknown as PUT, unknown as PATCH, unknown as DELETE };
