// Sign-in hardening over real HTTP: per-account and per-IP throttles (429 with Retry-After),
// and old scrypt hashes upgraded at the next successful sign-in.
import { randomBytes, randomUUID, scryptSync } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, createTestOrg, type TestOrg } from "../support/fixtures";
import { db } from "@/lib/db/client";
import { hashPassword, SCRYPT_N } from "@/lib/auth/passwords";

let org: TestOrg;
beforeAll(async () => {
  org = await createTestOrg("pro");
});

/** One credentials attempt from `ip` (the test server trusts one proxy hop). */
async function attempt(email: string, password: string, ip: string): Promise<{ status: number; retryAfter: string | null; signedIn: boolean; body: string }> {
  const csrfRes = await fetch(`${BASE_URL}/api/auth/csrf`, { headers: { "x-forwarded-for": ip } });
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]);
  const res = await fetch(`${BASE_URL}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), "x-forwarded-for": ip },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
  });
  const signedIn = res.headers.getSetCookie().some((c) => c.includes("session-token"));
  return { status: res.status, retryAfter: res.headers.get("retry-after"), signedIn, body: await res.text() };
}

async function addUser(passwordHash: string): Promise<string> {
  const email = `signin-${randomUUID().slice(0, 8)}@auth.test`;
  const user = await db().user.create({ data: { email, passwordHash } });
  await db().membership.create({ data: { orgId: org.id, userId: user.id, role: "analyst" } });
  return email;
}

const ip = () => `198.51.100.${1 + Math.floor(Math.random() * 250)}`;

describe("sign-in", () => {
  it("locks an account after repeated failures, even for the right password, from any IP", async () => {
    const email = await addUser(await hashPassword("right-password-1"));
    expect((await attempt(email, "right-password-1", ip())).signedIn).toBe(true);
    // The test server allows 5 failures per account (BANDWATCH_SIGNIN_ACCOUNT_LIMIT).
    for (let i = 0; i < 5; i++) {
      const wrong = await attempt(email, `wrong-${i}`, `203.0.113.${i + 1}`);
      expect(wrong.signedIn).toBe(false);
    }
    const locked = await attempt(email, "right-password-1", "203.0.113.200");
    expect(locked.status).toBe(429);
    expect(locked.signedIn).toBe(false);
    expect(Number(locked.retryAfter)).toBeGreaterThan(0);
    expect(locked.body).toContain("TooManyAttempts");
    // Another account is not affected.
    const other = await addUser(await hashPassword("other-password-1"));
    expect((await attempt(other, "other-password-1", "203.0.113.201")).signedIn).toBe(true);
  });

  it("throttles one IP across accounts", async () => {
    const from = "192.0.2.77";
    const statuses: number[] = [];
    // Empty passwords cost no hashing; the IP limit (100 in tests) counts every attempt.
    for (let i = 0; i < 201 && !statuses.includes(429); i++) statuses.push((await attempt(`nobody-${i}@auth.test`, "", from)).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(200);
    const email = await addUser(await hashPassword("ip-password-1"));
    expect((await attempt(email, "ip-password-1", from)).status).toBe(429);
    expect((await attempt(email, "ip-password-1", "192.0.2.78")).signedIn).toBe(true);
  });

  it("upgrades an old, cheaper scrypt hash at the next successful sign-in", async () => {
    const salt = randomBytes(16);
    const oldHash = ["scrypt", 16384, 8, 1, salt.toString("base64url"), scryptSync("old-password-1", salt, 32, { N: 16384, r: 8, p: 1 }).toString("base64url")].join("$");
    const email = await addUser(oldHash);
    expect((await attempt(email, "old-password-1", ip())).signedIn).toBe(true);
    const stored = await db().user.findUniqueOrThrow({ where: { email } });
    expect(stored.passwordHash.split("$")[1]).toBe(String(SCRYPT_N));
    expect(SCRYPT_N).toBeGreaterThanOrEqual(2 ** 17);
    expect((await attempt(email, "old-password-1", ip())).signedIn).toBe(true);
    expect((await attempt(email, "not-it", ip())).signedIn).toBe(false);
  });
});
