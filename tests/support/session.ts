// Signing in as a browser would, for API tests of cookie-authenticated routes.
import { randomInt, randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/passwords";
import { BASE_URL } from "./fixtures";

const cookiePairs = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]);

/**
 * Signs in through next-auth's credentials flow (CSRF token, then the callback) and
 * returns the Cookie header holding the session. `forwardedFor` gives the sign-in its own
 * client address, so one test's attempts do not use up another's per-IP sign-in limit.
 */
export async function signInCookie(email: string, password: string, forwardedFor?: string): Promise<string> {
  const headers: Record<string, string> = forwardedFor ? { "x-forwarded-for": forwardedFor } : {};
  const csrfRes = await fetch(`${BASE_URL}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiePairs(csrfRes);
  const res = await fetch(`${BASE_URL}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
  });
  return [...jar, ...cookiePairs(res)].join("; ");
}

/** A new user with `role` in the organization, signed in: the Cookie header of their session. */
// Each new member signs in from an address of its own (198.19.0.0/16, a benchmarking range no
// test uses), so a test that exhausts a fixed address's sign-in limit never throttles this one.
const freshClientAddress = () => `198.19.${randomInt(256)}.${1 + randomInt(254)}`;

export async function signInNewMember(orgId: string, role: "admin" | "analyst", forwardedFor = freshClientAddress()): Promise<string> {
  const email = `member-${randomUUID().slice(0, 8)}@session.test`;
  const password = `pw-${randomUUID()}`;
  const user = await db().user.create({ data: { email, passwordHash: await hashPassword(password) } });
  await db().membership.create({ data: { orgId, userId: user.id, role } });
  return signInCookie(email, password, forwardedFor);
}
