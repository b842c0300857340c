// Shapes of the members and invitations routes (Settings → Members, /invite/{token}).
import { z } from "zod";
import { displayName, uuid } from "@/lib/http/schemas";

export const MEMBER_ROLES = ["admin", "analyst"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
const memberRole = z.enum(MEMBER_ROLES, { message: "must be admin or analyst" });

export const memberJson = z.object({
  id: z.string(),
  user_id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: memberRole,
  joined_at: z.string(),
  last_sign_in_at: z.string().nullable(),
});
export type MemberJson = z.infer<typeof memberJson>;

export const memberIdParams = z.object({ id: uuid });
export const changeRoleBody = z.strictObject({ role: memberRole });
export const memberResponse = z.object({ data: memberJson });
export const membersResponse = z.object({ data: z.array(memberJson) });

export const emailAddress = z
  .string({ message: "must be a string" })
  .trim()
  .toLowerCase()
  .max(320, { message: "must be at most 320 characters" })
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: "must be an e-mail address" });

export const inviteBody = z.strictObject({ email: emailAddress, role: memberRole });

export const invitationJson = z.object({
  id: z.string(),
  email: z.string(),
  role: memberRole,
  invited_by: z.string(),
  created_at: z.string(),
  expires_at: z.string(),
  status: z.enum(["pending", "accepted", "expired", "revoked"]),
});
export type InvitationJson = z.infer<typeof invitationJson>;

export const invitationIdParams = z.object({ id: uuid });
export const invitationsResponse = z.object({ data: z.array(invitationJson) });
export const invitationResponse = z.object({ data: invitationJson });
/** The link carries the secret token: it is in this answer only (and in the e-mail, when SMTP is set). */
export const issuedInvitationResponse = z.object({ data: z.object({ invitation: invitationJson, link: z.string(), emailed: z.boolean() }) });

export const invitationToken = z.string().min(20, { message: "is not an invitation token" }).max(100, { message: "is not an invitation token" }).regex(/^[A-Za-z0-9_-]+$/, { message: "is not an invitation token" });

/** A new account sets its password here; a signed-in invitee sends the token alone. */
export const acceptInvitationBody = z.strictObject({
  token: invitationToken,
  name: displayName.optional(),
  password: z.string().min(8, { message: "must be at least 8 characters" }).max(1024, { message: "must be at most 1024 characters" }).optional(),
});
export const acceptedInvitationResponse = z.object({ data: z.object({ org_id: z.string(), org_slug: z.string(), email: z.string(), role: memberRole, new_account: z.boolean() }) });

export const switchOrganizationBody = z.strictObject({ org_id: uuid });
export const userOrganizationsResponse = z.object({ data: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string(), role: memberRole })) });
