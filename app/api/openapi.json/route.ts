import { buildOpenApiDocument } from "@/lib/openapi/document";
import { errorResponse } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { HttpError } from "@/lib/http/errors";

// Built once per process: the document only changes with the code.
let cached: string | null = null;

export async function GET() {
  cached ??= JSON.stringify(buildOpenApiDocument());
  return new Response(cached, { headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=300" } });
}

const notAllowed = async (request: Request) =>
  errorResponse(v1Flavor, new HttpError("method_not_allowed", `Method ${request.method} is not allowed here; use GET`), { allow: "GET, HEAD, OPTIONS" });
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
