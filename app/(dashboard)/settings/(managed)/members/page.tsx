import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { listMembers } from "@/lib/org/members";
import { MembersManagerIsland as MembersManager } from "@/components/islands/settings";

export const metadata: Metadata = { title: "Members" };
export const dynamic = "force-dynamic";

export default async function MembersPage() {
  const user = await requireUser("/settings/members");
  if (user.role !== "admin") return <p className="text-sm text-slate-600">Only admins can see and manage the organization&apos;s members.</p>;
  return <MembersManager initialData={await listMembers(user.org)} currentUserId={user.userId} />;
}
