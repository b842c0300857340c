import type { Metadata } from "next";
import Link from "next/link";
import { sessionUser } from "@/lib/auth/principal";
import { findPendingInvitation } from "@/lib/org/invitations";
import { invitationToken } from "@/lib/org/member-schemas";
import { InvitationForm } from "@/components/invitation-form";

export const metadata: Metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

function Frame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <p className="mb-6 text-center text-2xl font-semibold tracking-tight">
          <span aria-hidden="true" className="text-indigo-600">◆ </span>Bandwatch
        </p>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-4 text-lg font-semibold">{title}</h1>
          {children}
        </div>
      </div>
    </main>
  );
}

/** The link of an invitation e-mail: join with a new account, or with the signed-in one. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = invitationToken.safeParse(token).success ? await findPendingInvitation(token) : null;
  if (!invitation) {
    return (
      <Frame title="Invitation not valid">
        <p className="text-sm text-slate-700" data-testid="invitation-invalid">
          This link is unknown, already used, revoked or expired (links work once, for 72 hours). Ask an admin for a new invitation.
        </p>
      </Frame>
    );
  }
  const user = await sessionUser();
  const mode = user?.email === invitation.email ? "join" : invitation.hasAccount ? "sign-in" : "create";
  return (
    <Frame title={`Join ${invitation.org.name}`}>
      <p className="mb-4 text-sm text-slate-700">
        You are invited to <strong>{invitation.org.name}</strong> as <strong>{invitation.role}</strong> ({invitation.email}).
      </p>
      {mode === "sign-in" ? (
        <p className="text-sm text-slate-700">
          An account for {invitation.email} exists.{" "}
          <Link className="text-indigo-700 underline" href={`/login?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}>
            Sign in as {invitation.email}
          </Link>{" "}
          {user ? "(you are signed in as someone else) " : ""}and open this link again to accept.
        </p>
      ) : (
        <InvitationForm token={token} email={invitation.email} orgId={invitation.org.id} newAccount={mode === "create"} />
      )}
    </Frame>
  );
}
