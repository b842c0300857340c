// The organization's members as Settings → Members shows them: list with role and last
// sign-in, change a role, remove. The last admin can be neither demoted nor removed (409
// `last_admin`); each change is written to the audit log. Scoped by organization.
import { db } from "@/lib/db/client";
import type { OrgRef } from "@/lib/auth/principal";
import { HttpError, notFound } from "@/lib/http/errors";
import { recordAudit } from "./audit";
import type { MemberJson, MemberRole } from "./member-schemas";

type MemberRow = { id: string; role: string; createdAt: Date; user: { id: string; email: string; name: string | null; lastSignInAt: Date | null } };

function toMemberJson(row: MemberRow): MemberJson {
  return {
    id: row.id,
    user_id: row.user.id,
    email: row.user.email,
    name: row.user.name,
    role: row.role === "admin" ? "admin" : "analyst",
    joined_at: row.createdAt.toISOString(),
    last_sign_in_at: row.user.lastSignInAt?.toISOString() ?? null,
  };
}

const MEMBER_SELECT = { id: true, role: true, createdAt: true, user: { select: { id: true, email: true, name: true, lastSignInAt: true } } } as const;

export async function listMembers(org: Pick<OrgRef, "id">): Promise<MemberJson[]> {
  const rows = await db().membership.findMany({ where: { orgId: org.id }, select: MEMBER_SELECT, orderBy: { createdAt: "asc" } });
  return rows.map(toMemberJson);
}

const lastAdmin = (what: string) => new HttpError("last_admin", `The organization's last admin cannot be ${what}; make another member admin first`);

/**
 * Runs the change in a transaction that re-counts the admins, so two admins demoting each
 * other at once cannot leave the organization without one.
 */
async function changeMembership(org: Pick<OrgRef, "id">, id: string, change: { role: MemberRole } | "remove"): Promise<MemberRow> {
  return db().$transaction(async (tx) => {
    const row = await tx.membership.findFirst({ where: { id, orgId: org.id }, select: MEMBER_SELECT });
    if (!row) throw notFound("Member");
    const losesAdmin = row.role === "admin" && (change === "remove" || change.role !== "admin");
    if (losesAdmin && (await tx.membership.count({ where: { orgId: org.id, role: "admin" } })) <= 1) throw lastAdmin(change === "remove" ? "removed" : "demoted");
    if (change === "remove") {
      await tx.membership.delete({ where: { id: row.id } });
      return row;
    }
    return tx.membership.update({ where: { id: row.id }, data: { role: change.role }, select: MEMBER_SELECT });
  });
}

export async function changeMemberRole(org: Pick<OrgRef, "id">, id: string, role: MemberRole, actor: string): Promise<MemberJson> {
  const before = await db().membership.findFirst({ where: { id, orgId: org.id }, select: { role: true } });
  const row = await changeMembership(org, id, { role });
  if (before && before.role !== role) {
    await recordAudit({ orgId: org.id, actor, action: "member.role_change", targetType: "member", targetId: row.user.email, details: { from: before.role, to: role } });
  }
  return toMemberJson(row);
}

/** The removed user keeps their account (and other organizations); their access here ends at the next request. */
export async function removeMember(org: Pick<OrgRef, "id">, id: string, actor: string): Promise<MemberJson> {
  const row = await changeMembership(org, id, "remove");
  await recordAudit({ orgId: org.id, actor, action: "member.remove", targetType: "member", targetId: row.user.email, details: { role: row.role } });
  return toMemberJson(row);
}

/** The organizations a user belongs to, for the header's switcher. */
export async function listUserOrganizations(userId: string): Promise<Array<{ id: string; slug: string; name: string; role: MemberRole }>> {
  const rows = await db().membership.findMany({ where: { userId }, select: { role: true, org: { select: { id: true, slug: true, name: true } } }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => ({ ...row.org, role: row.role === "admin" ? "admin" : "analyst" }));
}
