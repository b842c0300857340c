// Issue 15 part 3: members (roles, last admin), invitations (single use, 72 h), switching
// organization in the session, and the CLI's users/orgs commands.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/passwords";
import { api, BASE_URL, createTestOrg } from "../support/fixtures";
import { signInCookie, signInNewMember } from "../support/session";

type Json = { error?: { code: string }; data?: unknown };

async function asUser(cookie: string | null, pathname: string, method = "GET", body?: unknown) {
  const headers: Record<string, string> = body === undefined ? {} : { "content-type": "application/json" };
  if (cookie) headers.cookie = cookie;
  const res = await fetch(`${BASE_URL}${pathname}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
}

const dataOf = <T>(res: { body: Json }) => res.body.data as T;
type Member = { id: string; email: string; role: string; last_sign_in_at: string | null };

function bandwatch(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [path.resolve("bin/bandwatch.mjs"), ...args], { env: process.env, encoding: "utf8", input });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function auditActions(orgId: string): Promise<string[]> {
  return (await db().auditEntry.findMany({ where: { orgId }, orderBy: { at: "asc" } })).map((e) => e.action);
}

describe("members", () => {
  it("lists members with last sign-in; the last admin can be neither demoted nor removed (409 last_admin)", async () => {
    const org = await createTestOrg();
    const admin = await signInNewMember(org.id, "admin");
    const members = dataOf<Member[]>(await asUser(admin, "/api/internal/members"));
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ role: "admin", last_sign_in_at: expect.any(String) });
    const demote = await asUser(admin, `/api/internal/members/${members[0].id}`, "PATCH", { role: "analyst" });
    expect(demote.status).toBe(409);
    expect(demote.body.error?.code).toBe("last_admin");
    const remove = await asUser(admin, `/api/internal/members/${members[0].id}`, "DELETE");
    expect(remove.status).toBe(409);
    expect(remove.body.error?.code).toBe("last_admin");
  });

  it("a role change takes effect on the member's next request; removal ends their access", async () => {
    const org = await createTestOrg();
    const admin = await signInNewMember(org.id, "admin");
    const other = await signInNewMember(org.id, "admin");
    const members = dataOf<Member[]>(await asUser(admin, "/api/internal/members"));
    expect((await asUser(other, "/api/internal/members")).status).toBe(200);
    // Listed in the order they joined: the second is `other`.
    const target = members[1];
    const changed = await asUser(admin, `/api/internal/members/${target.id}`, "PATCH", { role: "analyst" });
    expect(changed.status).toBe(200);
    expect(dataOf<Member>(changed).role).toBe("analyst");
    expect((await asUser(other, "/api/internal/members")).status).toBe(403);
    expect((await asUser(admin, `/api/internal/members/${target.id}`, "PATCH", { role: "owner" })).status).toBe(400);
    expect((await asUser(admin, `/api/internal/members/${target.id}`, "DELETE")).status).toBe(200);
    expect((await asUser(other, "/api/internal/organization")).status).toBe(401);
    expect(await auditActions(org.id)).toEqual(["member.role_change", "member.remove"]);
  });

  it("another organization's member is 404; analysts cannot manage members", async () => {
    const org = await createTestOrg();
    const foreign = await createTestOrg();
    const admin = await signInNewMember(org.id, "admin");
    await signInNewMember(foreign.id, "admin");
    const foreignMember = await db().membership.findFirstOrThrow({ where: { orgId: foreign.id } });
    expect((await asUser(admin, `/api/internal/members/${foreignMember.id}`, "PATCH", { role: "analyst" })).status).toBe(404);
    expect((await asUser(admin, `/api/internal/members/${foreignMember.id}`, "DELETE")).status).toBe(404);
    const analyst = await signInNewMember(org.id, "analyst");
    expect((await asUser(analyst, "/api/internal/members")).status).toBe(403);
    expect((await asUser(analyst, "/api/internal/invitations", "POST", { email: "x@y.test", role: "analyst" })).status).toBe(403);
  });
});

describe("invitations", () => {
  it("a new address accepts once with a password, then signs in as a member; the link is single-use", async () => {
    const org = await createTestOrg();
    const admin = await signInNewMember(org.id, "admin");
    const email = `invitee-${randomUUID().slice(0, 8)}@invite.test`;
    const invited = await asUser(admin, "/api/internal/invitations", "POST", { email: email.toUpperCase(), role: "analyst" });
    expect(invited.status).toBe(201);
    const { link, emailed, invitation } = dataOf<{ link: string; emailed: boolean; invitation: { email: string; status: string; expires_at: string; created_at: string } }>(invited);
    expect(emailed).toBe(false);
    expect(invitation).toMatchObject({ email, status: "pending" });
    expect(Date.parse(invitation.expires_at) - Date.parse(invitation.created_at)).toBe(72 * 3_600_000);
    const token = new URL(link).pathname.split("/").pop() ?? "";
    expect(await db().invitation.count({ where: { tokenHash: token } })).toBe(0);

    const noPassword = await asUser(null, "/api/invitations/accept", "POST", { token });
    expect(noPassword.status).toBe(400);
    const accepted = await asUser(null, "/api/invitations/accept", "POST", { token, password: "invited-pw-123", name: "Invitee" });
    expect(accepted.status).toBe(200);
    expect(dataOf<{ new_account: boolean; role: string; org_id: string }>(accepted)).toMatchObject({ new_account: true, role: "analyst", org_id: org.id });
    expect((await asUser(null, "/api/invitations/accept", "POST", { token, password: "invited-pw-123" })).status).toBe(404);

    const cookie = await signInCookie(email, "invited-pw-123", "198.18.7.7");
    const summary = await asUser(cookie, "/api/internal/organization");
    expect(summary.status).toBe(200);
    expect(dataOf<{ slug: string }>(summary).slug).toBe(org.slug);
    expect(await auditActions(org.id)).toEqual(["member.invite", "member.join"]);
    const again = await asUser(admin, "/api/internal/invitations", "POST", { email, role: "admin" });
    expect(again.status).toBe(409);
  });

  it("refuses expired, revoked and malformed links, and an existing account that is not signed in", async () => {
    const org = await createTestOrg();
    const admin = await signInNewMember(org.id, "admin");
    const invite = async (email: string) => {
      const res = await asUser(admin, "/api/internal/invitations", "POST", { email, role: "analyst" });
      const data = dataOf<{ link: string; invitation: { id: string } }>(res);
      return { token: new URL(data.link).pathname.split("/").pop() ?? "", id: data.invitation.id };
    };
    const expired = await invite(`exp-${randomUUID().slice(0, 8)}@invite.test`);
    await db().invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await asUser(null, "/api/invitations/accept", "POST", { token: expired.token, password: "long-enough-1" })).status).toBe(404);
    const revoked = await invite(`rev-${randomUUID().slice(0, 8)}@invite.test`);
    expect((await asUser(admin, `/api/internal/invitations/${revoked.id}`, "DELETE")).status).toBe(200);
    expect((await asUser(null, "/api/invitations/accept", "POST", { token: revoked.token, password: "long-enough-1" })).status).toBe(404);
    expect((await asUser(null, "/api/invitations/accept", "POST", { token: "short" })).status).toBe(400);
    expect((await asUser(admin, "/api/internal/invitations", "POST", { email: "not-an-email", role: "analyst" })).status).toBe(400);

    const existingEmail = `old-${randomUUID().slice(0, 8)}@invite.test`;
    await db().user.create({ data: { email: existingEmail, passwordHash: await hashPassword("existing-pw-1") } });
    const forExisting = await invite(existingEmail);
    const conflict = await asUser(null, "/api/invitations/accept", "POST", { token: forExisting.token, password: "attacker-pw-1" });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error?.code).toBe("conflict");
  });
});

describe("organization switching", () => {
  it("the session moves to another organization only when the user belongs to it", async () => {
    const first = await createTestOrg("pro");
    const second = await createTestOrg("free");
    const stranger = await createTestOrg("business");
    const email = `multi-${randomUUID().slice(0, 8)}@switch.test`;
    const user = await db().user.create({ data: { email, passwordHash: await hashPassword("switch-pw-123") } });
    await db().membership.create({ data: { orgId: first.id, userId: user.id, role: "admin" } });
    await db().membership.create({ data: { orgId: second.id, userId: user.id, role: "analyst" } });
    let cookie = await signInCookie(email, "switch-pw-123", "198.18.9.9");
    const mine = dataOf<Array<{ slug: string }>>(await asUser(cookie, "/api/internal/me/organizations"));
    expect(mine.map((o) => o.slug).sort()).toEqual([first.slug, second.slug].sort());

    const switchTo = async (orgId: string) => {
      const csrf = await fetch(`${BASE_URL}/api/auth/csrf`, { headers: { cookie } });
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const res = await fetch(`${BASE_URL}/api/auth/session`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ csrfToken, data: { orgId } }) });
      const updated = res.headers.getSetCookie().map((c) => c.split(";")[0]);
      const jar = new Map(cookie.split("; ").map((pair) => [pair.split("=")[0], pair] as const));
      for (const pair of updated) jar.set(pair.split("=")[0], pair);
      cookie = [...jar.values()].join("; ");
    };
    const slugNow = async () => dataOf<{ slug: string }>(await asUser(cookie, "/api/internal/organization")).slug;
    const startSlug = await slugNow();
    const target = startSlug === first.slug ? second : first;
    await switchTo(target.id);
    expect(await slugNow()).toBe(target.slug);
    await switchTo(stranger.id);
    expect(await slugNow()).toBe(target.slug);
  });
});

// Each CLI run starts a process (about 10 s on a loaded 2-core machine): room for four of them.
describe("CLI: users and orgs", { timeout: 180_000 }, () => {
  it("users create refuses an existing e-mail; users set-password resets it", async () => {
    const org = await createTestOrg();
    const email = `cli-${randomUUID().slice(0, 8)}@cli.test`;
    expect(bandwatch(["users", "create", "--org", org.slug, "--email", email, "--role", "analyst", "--password", "first-pw-123"]).code).toBe(0);
    const again = bandwatch(["users", "create", "--org", org.slug, "--email", email, "--role", "admin", "--password", "second-pw-123"]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already exists/);
    expect(again.stderr).toMatch(/set-password/);
    const membership = await db().membership.findFirstOrThrow({ where: { orgId: org.id, user: { email } } });
    expect(membership.role).toBe("analyst");
    const reset = bandwatch(["users", "set-password", "--email", email], "second-pw-123\n");
    expect(reset.code, reset.stderr).toBe(0);
    // The server may have closed the idle kept-alive socket while the CLI ran: one retried request reopens it.
    await api("/api/health/live");
    const cookie = await signInCookie(email, "second-pw-123", "198.18.3.3");
    expect((await asUser(cookie, "/api/internal/organization")).status).toBe(200);
    expect(bandwatch(["users", "set-password", "--email", `nobody-${email}`, "--password", "whatever-123"]).code).not.toBe(0);
  });

  it("orgs set-plan changes the plan and records it in the audit log; bad plans and slugs fail", async () => {
    const org = await createTestOrg("free");
    const out = bandwatch(["orgs", "set-plan", org.slug, "business", "--json"]);
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({ org: org.slug, plan: "business", previous_plan: "free" });
    expect((await db().organization.findUniqueOrThrow({ where: { id: org.id } })).plan).toBe("business");
    const log = await api<{ data: Array<{ action: string; actor: string; details: Record<string, unknown> }> }>("/api/v1/audit-log?action=organization.plan_change", { key: org.key });
    expect(log.body.data).toEqual([expect.objectContaining({ actor: "cli", details: { from: "free", to: "business" } })]);
    expect(bandwatch(["orgs", "set-plan", org.slug, "enterprise"]).code).not.toBe(0);
    expect(bandwatch(["orgs", "set-plan", "no-such-org", "pro"]).code).not.toBe(0);
  });

  it("keys create --scope read makes a key that cannot write", async () => {
    const org = await createTestOrg();
    const out = bandwatch(["keys", "create", "--org", org.slug, "--scope", "read", "--json"]);
    expect(out.code, out.stderr).toBe(0);
    const { key } = JSON.parse(out.stdout) as { key: string };
    expect((await api("/api/v1/anomalies", { key })).status).toBe(200);
    expect((await api("/api/v1/anomalies/1/dismiss", { method: "POST", key, body: {} })).status).toBe(403);
    expect(bandwatch(["keys", "create", "--org", org.slug, "--scope", "owner"]).code).not.toBe(0);
    expect(bandwatch(["keys", "create", "--org", org.slug, "--expires", "2001-01-01"]).code).not.toBe(0);
  });
});
