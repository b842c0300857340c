// Signed-out visits to dashboard pages go to /login and come back afterwards. This is
// only the fast path: every page and route handler checks the session (and the
// membership and role) again on the server.
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";

export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  const login = new URL("/login", request.url);
  login.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/", "/anomalies/:path*", "/websites/:path*", "/settings/:path*"],
};
