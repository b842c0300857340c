import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { clientIp } from "@/lib/auth/client-ip";
import { signInThrottle, THROTTLED_ERROR } from "@/lib/auth/sign-in";

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * Password attempts are throttled per IP and per account before next-auth sees them: 429 with
 * Retry-After, and a `url` carrying the error so next-auth's client reports it to the form.
 */
async function post(request: Request, context: Context): Promise<Response> {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const email = form?.get("email");
    const wait = await signInThrottle(clientIp(request.headers), typeof email === "string" ? email : "");
    if (wait !== null) {
      const message = `Too many sign-in attempts. Try again in ${Math.ceil(wait / 60)} minute(s).`;
      const url = new URL(`/login?error=${THROTTLED_ERROR}`, request.url).toString();
      return Response.json({ url, error: { code: "rate_limited", message } }, { status: 429, headers: { "retry-after": String(wait), "cache-control": "no-store" } });
    }
  }
  return handler(request, context) as Promise<Response>;
}

export { handler as GET, post as POST };
