import { buildOpenApiDocument } from "@/lib/openapi/document";
import { openApiDocumentEndpoint } from "@/lib/openapi/endpoints";
import { handle } from "@/lib/http/handle";
import { errorResponse } from "@/lib/http/route";
import { FAMILIES } from "@/lib/http/endpoint";
import { HttpError } from "@/lib/http/errors";

// Built once per process: the document only changes with the code.
let cached: string | null = null;

export const GET = handle(openApiDocumentEndpoint, async () => {
  cached ??= JSON.stringify(buildOpenApiDocument());
  return new Response(cached, { headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=300" } });
});

// Not rejectOtherMethods: this URL's Allow header has always listed HEAD before OPTIONS.
const notAllowed = async (request: Request) =>
  errorResponse(FAMILIES.meta.flavor, new HttpError("method_not_allowed", `Method ${request.method} is not allowed here; use GET`), { allow: "GET, HEAD, OPTIONS" });
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
