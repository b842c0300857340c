import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { clientIp } from "@/lib/auth/client-ip";
import { signInThrottle, THROTTLED_ERROR } from "@/lib/auth/sign-in";

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

function jsonError(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: { code, message } }, { status, headers: { "cache-control": "no-store", ...headers } });
}

/**
 * Password attempts are throttled per IP and per account before next-auth sees them: 429 with
 * Retry-After, and a `url` carrying the error so next-auth's client reports it to the form.
 */
async function throttled(request: Request): Promise<Response | null> {
  const form = await request
    .clone()
    .formData()
    .catch(() => null);
  const email = form?.get("email");
  const wait = await signInThrottle(clientIp(request.headers), typeof email === "string" ? email : "");
  if (wait === null) return null;
  const message = `Too many sign-in attempts. Try again in ${Math.ceil(wait / 60)} minute(s).`;
  const url = new URL(`/login?error=${THROTTLED_ERROR}`, request.url).toString();
  return Response.json({ url, error: { code: "rate_limited", message } }, { status: 429, headers: { "retry-after": String(wait), "cache-control": "no-store" } });
}

async function handle(request: Request, context: Context): Promise<Response> {
  const action = (await context.params).nextauth.join("/");
  // next-auth answers a GET of the credentials callback with a 500 naming its internals.
  if (action === "callback/credentials" && request.method !== "POST") return jsonError(405, "method_not_allowed", "Use POST to sign in", { allow: "POST" });
  if (action === "callback/credentials") {
    const refused = await throttled(request);
    if (refused) return refused;
  }
  try {
    return (await handler(request, context)) as Response;
  } catch (error) {
    console.error("[bandwatch] sign-in handler failed", error);
    return jsonError(400, "invalid_request", "The sign-in request could not be processed");
  }
}

export { handle as GET, handle as POST };
