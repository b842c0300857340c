// Switching the session's organization (the header's switcher sends `{ orgId }` through
// next-auth's session update). Membership is re-checked here, and again on every request.
import { z } from "zod";
import { db } from "@/lib/db/client";

const switchRequest = z.object({ orgId: z.string().max(64) });

export async function switchedOrganization(userId: string, request: unknown): Promise<{ orgId: string; role: string } | null> {
  const parsed = switchRequest.safeParse(request);
  if (!parsed.success) return null;
  const membership = await db().membership.findUnique({ where: { orgId_userId: { orgId: parsed.data.orgId, userId } }, select: { orgId: true, role: true } });
  return membership ? { orgId: membership.orgId, role: membership.role } : null;
}
