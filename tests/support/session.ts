// Dashboard sessions for API tests: next-auth's credentials flow, returning the Cookie
// header to send. Each caller passes its own client IP so sign-in throttles stay apart.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/passwords";
import { BASE_URL } from "./fixtures";

export async function signIn(email: string, password: string, ip: string): Promise<string> {
  const headers = { "x-forwarded-for": ip };
  const csrfRes = await fetch(`${BASE_URL}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]);
  const res = await fetch(`${BASE_URL}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
  });
  return [...jar, ...res.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
}

/** A new user with `role` in the organization, signed in. */
export async function signInNewMember(orgId: string, role: "admin" | "analyst", ip = "192.0.2.77"): Promise<string> {
  const email = `member-${randomUUID().slice(0, 8)}@session.test`;
  const password = `pw-${randomUUID()}`;
  const user = await db().user.create({ data: { email, passwordHash: await hashPassword(password) } });
  await db().membership.create({ data: { orgId, userId: user.id, role } });
  return signIn(email, password, ip);
}
