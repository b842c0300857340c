"use client";
// Settings → Members (admins): who belongs to the organization, with role and last sign-in;
// change a role or remove a member (the server refuses to leave no admin: 409 last_admin);
// invite by e-mail, showing the single-use link when it was not e-mailed.
import { useState } from "react";
import type { InvitationJson, MemberJson, MemberRole } from "@/lib/org/member-schemas";
import { useInvitations, useMembers, type SentInvitation } from "@/lib/client/members";
import { errorMessage } from "@/lib/client/api";
import { EmptyState, InlineError } from "./feedback";
import { formatDateTime } from "./format";
import { buttonSmall } from "./styles";
import { AddItemCard } from "./ui/add-item-card";
import { Card } from "./ui/card";
import { ConfirmDialog } from "./ui/confirm-dialog";
import { CopyField } from "./ui/copy-field";
import { DataTable, type Column } from "./ui/data-table";
import { SelectField, TextField } from "./ui/field";

const ROLE_OPTIONS = [
  { value: "analyst", label: "Analyst" },
  { value: "admin", label: "Admin" },
] as const satisfies ReadonlyArray<{ value: MemberRole; label: string }>;

function SentNotice({ sent, onDone }: { sent: SentInvitation; onDone: () => void }) {
  return (
    <div className="rounded border border-amber-300 bg-amber-50 p-3" role="status">
      <p className="mb-2 text-sm font-medium text-amber-900">
        {sent.emailed ? `Invitation e-mailed to ${sent.invitation.email}.` : `No e-mail server is configured: send this link to ${sent.invitation.email} yourself.`} It works once and
        expires {formatDateTime(sent.invitation.expires_at)}.
      </p>
      <CopyField value={sent.link} label="Invitation link" testId="invitation-link" />
      <button type="button" className={`${buttonSmall} mt-2`} onClick={onDone}>
        Done
      </button>
    </div>
  );
}

function InviteCard() {
  const { list, create, remove } = useInvitations();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<MemberRole>("analyst");
  const [sent, setSent] = useState<SentInvitation | null>(null);
  const pending = (list.data ?? []).filter((invitation) => invitation.status === "pending");
  const columns: Column<InvitationJson>[] = [
    { header: "E-mail", cell: (invitation) => invitation.email },
    { header: "Role", cell: (invitation) => invitation.role },
    { header: "Expires", cellClassName: "whitespace-nowrap", cell: (invitation) => formatDateTime(invitation.expires_at) },
    {
      header: "Actions",
      hideHeader: true,
      cellClassName: "text-right",
      cell: (invitation) => (
        <button type="button" className={buttonSmall} onClick={() => remove.mutate(invitation.id)}>
          Revoke
        </button>
      ),
    },
  ];
  return (
    <div className="space-y-4">
      <AddItemCard
        headingId="invite-heading"
        title="Invite a member"
        formClassName="flex flex-col gap-2 sm:flex-row sm:items-end"
        onSubmit={() => create.mutate({ email, role }, { onSuccess: (result) => (setSent(result), setEmail("")) })}
        mutation={create}
        submitLabel="Send invitation"
        pendingLabel="Inviting…"
        canSubmit={email.trim() !== ""}
        revealed={sent ? <SentNotice sent={sent} onDone={() => setSent(null)} /> : null}
      >
        <TextField label="E-mail" type="email" className="flex-1" value={email} onChange={(e) => setEmail(e.target.value)} required maxLength={320} placeholder="colleague@example.com" />
        <SelectField label="Role" options={ROLE_OPTIONS} value={role} onChange={setRole} />
      </AddItemCard>
      {pending.length ? (
        <Card headingId="pending-heading" title="Pending invitations" flush>
          <DataTable columns={columns} rows={pending} rowKey={(invitation) => invitation.id} rowAttributes={() => ({ "data-testid": "invitation-row" })} />
        </Card>
      ) : null}
    </div>
  );
}

export function MembersManager({ initialData, currentUserId }: { initialData: MemberJson[]; currentUserId: string }) {
  const { list, update, remove } = useMembers(initialData);
  const [removing, setRemoving] = useState<MemberJson | null>(null);
  const members = list.data ?? [];
  const columns: Column<MemberJson>[] = [
    { header: "Member", cell: (member) => (member.user_id === currentUserId ? `${member.email} (you)` : member.email) },
    {
      header: "Role",
      cell: (member) => (
        <SelectField label={`Role of ${member.email}`} className="[&_label]:sr-only" options={ROLE_OPTIONS} value={member.role} onChange={(role) => update.mutate({ id: member.id, changes: { role } })} />
      ),
    },
    { header: "Last sign-in", cellClassName: "whitespace-nowrap", cell: (member) => (member.last_sign_in_at ? formatDateTime(member.last_sign_in_at) : "never") },
    {
      header: "Actions",
      hideHeader: true,
      cellClassName: "text-right",
      cell: (member) => (
        <button type="button" className={buttonSmall} onClick={() => setRemoving(member)}>
          Remove
        </button>
      ),
    },
  ];
  const refusal = update.isError ? update.error : remove.isError ? remove.error : null;
  return (
    <div className="space-y-4">
      <InviteCard />
      <Card headingId="members-heading" title="Members" flush>
        {refusal ? (
          <div className="p-4">
            <InlineError>{errorMessage(refusal)}</InlineError>
          </div>
        ) : null}
        {members.length === 0 ? (
          <EmptyState title="No members" />
        ) : (
          <DataTable columns={columns} rows={members} rowKey={(member) => member.id} rowAttributes={(member) => ({ "data-testid": "member-row", "data-email": member.email })} className="min-w-[40rem]" />
        )}
      </Card>
      <ConfirmDialog
        target={removing}
        onClose={() => setRemoving(null)}
        onConfirm={(member) => remove.mutate(member.id)}
        title="Remove member"
        description={(member) => `${member.email} loses access to this organization at once. Their account and other organizations stay.`}
        confirmLabel="Remove member"
      />
    </div>
  );
}
