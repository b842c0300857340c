// Two fast paths in front of the app (every page and route handler still checks the session,
// membership and role on the server):
// 1. Signed-out visits to dashboard pages go to /login and come back afterwards.
// 2. State-changing requests to the dashboard's cookie-authenticated routes must come from this
//    site: a cross-site Origin (or Sec-Fetch-Site: cross-site) gets 403, so another site cannot
//    make a signed-in browser create destinations, keys or dismissals. API-key calls carry no
//    cookie-based authority and are not affected.
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { isCrossSiteWrite } from "./lib/http/origin";
import { setting } from "./lib/config";

/** Whether a cookie-authenticated, state-changing request comes from another site. */
export function isCrossSite(request: NextRequest): boolean {
  if (request.headers.has("authorization") || request.headers.has("x-api-key")) return false;
  if (!request.headers.has("cookie")) return false;
  return isCrossSiteWrite(request);
}

function apiError(pathname: string, status: number, code: string, message: string): NextResponse {
  const external = pathname.startsWith("/api/external/");
  const body = external
    ? { success: false, error: { message, code: code.toUpperCase(), timestamp: new Date().toISOString() } }
    : { error: { code, message } };
  return NextResponse.json(body, { status, headers: { "cache-control": "no-store" } });
}

/** A path segment with a broken %-escape would make the router's parameter decoding fail (a 500). */
function hasMalformedEscape(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return false;
  } catch {
    return true;
  }
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith("/api/")) {
    if (hasMalformedEscape(pathname)) return apiError(pathname, 400, "invalid_parameter", "The URL path contains a malformed %-escape");
    // The collector takes events from every site; sign-in has next-auth's own CSRF token.
    const sessionRoutes = pathname.startsWith("/api/internal/") || pathname.startsWith("/api/v1/");
    if (!sessionRoutes || !isCrossSite(request)) return NextResponse.next();
    return apiError(pathname, 403, "forbidden", "Cross-site requests are not allowed");
  }
  const token = await getToken({ req: request, secret: setting("NEXTAUTH_SECRET") });
  if (token) return NextResponse.next();
  const login = new URL("/login", request.url);
  login.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: [
    "/",
    "/anomalies/:path*",
    "/websites/:path*",
    "/settings/:path*",
    // The API families with dynamic segments or sessions, except the routes that stream large or
    // unbounded bodies: when the proxy runs for a request, Next copies its body for it, reading the
    // whole upload and silently cutting it at 10 MB (proxyClientMaxBodySize), which would truncate
    // imports and defeat the streamed 413. Those routes do the Origin check themselves
    // (lib/http/route.ts); their paths are digits only, so the malformed-escape check has nothing
    // to catch there. The collector, health and the OpenAPI document have neither. The anomaly
    // list and detail are left out too: running the proxy costs about as much as the rest of the
    // request, they are reads (nothing cross-site to refuse; lib/http/route.ts checks writes
    // again anyway) and the detail's id is digits only.
    "/api/v1/((?!providers/\\d+/(?:imports|costs|metrics)$|anomalies(?:/\\d+)?$).*)",
    "/api/internal/:path*",
    "/api/external/:path*",
    "/api/auth/:path*",
  ],
};
