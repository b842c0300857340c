// Invitations by e-mail: a single-use link that expires after 72 hours. Only the SHA-256 of
// its random token is stored; the link is shown once to the admin (and e-mailed when SMTP is
// configured). Accepting joins the organization: a signed-in invitee with the invited e-mail
// just joins, a new address sets a password and gets an account.
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { alertConfig } from "@/lib/config";
import type { OrgRef } from "@/lib/auth/principal";
import { hashPassword } from "@/lib/auth/passwords";
import { HttpError, notFound } from "@/lib/http/errors";
import { recordAudit } from "./audit";
import type { InvitationJson, MemberRole } from "./member-schemas";

export const INVITATION_TTL_HOURS = 72;

type InvitationRow = { id: string; email: string; role: string; invitedBy: string; createdAt: Date; expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null };

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function statusOf(row: InvitationRow, now: Date): InvitationJson["status"] {
  if (row.acceptedAt) return "accepted";
  if (row.revokedAt) return "revoked";
  return row.expiresAt.getTime() <= now.getTime() ? "expired" : "pending";
}

function toInvitationJson(row: InvitationRow, now = new Date()): InvitationJson {
  return {
    id: row.id,
    email: row.email,
    role: row.role === "admin" ? "admin" : "analyst",
    invited_by: row.invitedBy,
    created_at: row.createdAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
    status: statusOf(row, now),
  };
}

/** The 100 newest invitations, of every status (nothing is deleted). */
export async function listInvitations(org: Pick<OrgRef, "id">): Promise<InvitationJson[]> {
  const rows = await db().invitation.findMany({ where: { orgId: org.id }, orderBy: { createdAt: "desc" }, take: 100 });
  return rows.map((row) => toInvitationJson(row));
}

/** Inviting an address again revokes its earlier pending links, so one link works at a time. */
export async function inviteMember(org: Pick<OrgRef, "id" | "slug">, input: { email: string; role: MemberRole }, actor: string, now = new Date()) {
  const member = await db().membership.findFirst({ where: { orgId: org.id, user: { email: input.email } }, select: { id: true } });
  if (member) throw new HttpError("conflict", `${input.email} is already a member of this organization`);
  const token = randomBytes(32).toString("base64url");
  const row = await db().$transaction(async (tx) => {
    await tx.invitation.updateMany({ where: { orgId: org.id, email: input.email, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    return tx.invitation.create({
      data: { orgId: org.id, email: input.email, role: input.role, tokenHash: hashInvitationToken(token), invitedBy: actor, createdAt: now, expiresAt: new Date(now.getTime() + INVITATION_TTL_HOURS * 3_600_000) },
    });
  });
  await recordAudit({ orgId: org.id, actor, action: "member.invite", targetType: "invitation", targetId: row.id, details: { email: input.email, role: input.role } });
  const link = `${alertConfig.publicUrl}/invite/${token}`;
  const emailed = await emailInvitation(input.email, org.slug, link);
  return { invitation: toInvitationJson(row, now), link, emailed };
}

/** Sent only when BANDWATCH_SMTP_URL is set; otherwise the admin passes the link on. */
async function emailInvitation(to: string, orgSlug: string, link: string): Promise<boolean> {
  if (!alertConfig.smtpUrl) return false;
  try {
    const nodemailer = await import("nodemailer");
    const transport = nodemailer.createTransport(alertConfig.smtpUrl, { connectionTimeout: alertConfig.timeoutMs, socketTimeout: alertConfig.timeoutMs });
    const text = `You are invited to join ${orgSlug} on Bandwatch.\n\nOpen this link within ${INVITATION_TTL_HOURS} hours to accept (it works once):\n${link}\n`;
    await transport.sendMail({ from: alertConfig.emailFrom, to, subject: `Invitation to ${orgSlug} on Bandwatch`, text });
    return true;
  } catch (error) {
    console.warn("[bandwatch] invitation email failed:", error instanceof Error ? error.message : String(error));
    return false;
  }
}

export async function revokeInvitation(org: Pick<OrgRef, "id">, id: string): Promise<InvitationJson> {
  const row = await db().invitation.findFirst({ where: { id, orgId: org.id } });
  if (!row) throw notFound("Invitation");
  if (row.acceptedAt || row.revokedAt) return toInvitationJson(row);
  return toInvitationJson(await db().invitation.update({ where: { id: row.id }, data: { revokedAt: new Date() } }));
}

/** What the invitation page shows before accepting; null when the link is unknown, used, revoked or expired. */
export async function findPendingInvitation(token: string, now = new Date()) {
  const row = await db().invitation.findUnique({ where: { tokenHash: hashInvitationToken(token) }, include: { org: { select: { id: true, slug: true, name: true } } } });
  if (!row || statusOf(row, now) !== "pending") return null;
  const account = await db().user.findUnique({ where: { email: row.email }, select: { id: true } });
  return { email: row.email, role: row.role === "admin" ? "admin" : "analyst", org: row.org, hasAccount: account !== null, expiresAt: row.expiresAt };
}

export interface AcceptInput {
  token: string;
  name?: string;
  password?: string;
  /** The signed-in user, if any: they join when the invitation is for their e-mail. */
  sessionUser: { id: string; email: string } | null;
}

const gone = () => new HttpError("not_found", "Invitation not found: the link is unknown, already used, revoked or expired");

export async function acceptInvitation(input: AcceptInput, now = new Date()) {
  const row = await db().invitation.findUnique({ where: { tokenHash: hashInvitationToken(input.token) }, include: { org: { select: { id: true, slug: true } } } });
  if (!row || statusOf(row, now) !== "pending") throw gone();
  const existing = await db().user.findUnique({ where: { email: row.email }, select: { id: true, email: true } });
  if (existing && existing.id !== input.sessionUser?.id) {
    throw new HttpError("conflict", `An account for ${row.email} exists: sign in as ${row.email}, then open the link again`);
  }
  if (!existing && !input.password) throw new HttpError("invalid_body", "Invalid request body at 'password': is required to create the account", [{ field: "password", message: "is required" }]);
  const passwordHash = existing ? null : await hashPassword(input.password ?? "");
  const userId = await db().$transaction(async (tx) => {
    // Single use: only the request that marks it accepted goes on.
    const claimed = await tx.invitation.updateMany({ where: { id: row.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: now } });
    if (claimed.count !== 1) throw gone();
    const user = existing ?? (await tx.user.create({ data: { email: row.email, name: input.name ?? null, passwordHash: passwordHash ?? "" } }));
    await tx.membership.upsert({ where: { orgId_userId: { orgId: row.orgId, userId: user.id } }, update: { role: row.role }, create: { orgId: row.orgId, userId: user.id, role: row.role } });
    return user.id;
  });
  await recordAudit({ orgId: row.orgId, actor: row.email, action: "member.join", targetType: "member", targetId: row.email, details: { role: row.role, invited_by: row.invitedBy, user_id: userId } });
  return { org_id: row.org.id, org_slug: row.org.slug, email: row.email, role: row.role === "admin" ? ("admin" as const) : ("analyst" as const), new_account: !existing };
}
