// (Imported by client components only.) Settings → Members: the members (role changes,
// removal) and the invitations (send, revoke).
import type { InvitationJson, MemberJson } from "@/lib/org/member-schemas";
import type { inviteMemberEndpoint } from "@/lib/org/endpoints";
import type { BodyOf, DataOf } from "@/lib/http/endpoint";
import { useCrudResource } from "./crud-resource";

export type SentInvitation = DataOf<typeof inviteMemberEndpoint>;

export function useMembers(initialData?: MemberJson[]) {
  return useCrudResource<MemberJson, string, never>({ key: ["members"], path: "/api/internal/members", idOf: (member) => member.id, related: [["audit-log"]] }, initialData);
}

export function useInvitations(initialData?: InvitationJson[]) {
  return useCrudResource<InvitationJson, string, BodyOf<typeof inviteMemberEndpoint>, SentInvitation>(
    {
      key: ["invitations"],
      path: "/api/internal/invitations",
      idOf: (invitation) => invitation.id,
      removeLocally: (list, id) => list.map((invitation) => (invitation.id === id ? { ...invitation, status: "revoked" } : invitation)),
      addLocally: (list, sent) => [sent.invitation, ...list.map((i) => (i.email === sent.invitation.email && i.status === "pending" ? { ...i, status: "revoked" as const } : i))],
    },
    initialData,
  );
}
