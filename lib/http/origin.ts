// Whether a state-changing request comes from another site. Shared by the proxy (dashboard
// routes) and route() (the streaming routes the proxy is kept out of), so both apply one rule.
import { setting } from "@/lib/config";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function trustedOrigins(request: Request): Set<string> {
  const origins = new Set<string>([new URL(request.url).origin]);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (host) {
    origins.add(`http://${host}`);
    origins.add(`https://${host}`);
  }
  // Both are validated URLs (lib/config), or unset.
  for (const configured of [setting("BANDWATCH_PUBLIC_URL"), setting("NEXTAUTH_URL")]) {
    if (configured) origins.add(new URL(configured).origin);
  }
  return origins;
}

/** A write whose Origin (or, without one, Sec-Fetch-Site) names another site. */
export function isCrossSiteWrite(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const origin = request.headers.get("origin");
  if (origin) return origin === "null" || !trustedOrigins(request).has(origin);
  return request.headers.get("sec-fetch-site") === "cross-site";
}
