// The organization's audit log: who dismissed, reopened or gave feedback, who created or
// revoked keys, changed members, settings, destinations and rules. Append-only; entries older
// than the retention period are pruned by the detection run's housekeeping.
import { z } from "zod";
import { db, type Db } from "@/lib/db/client";
import { readStored } from "@/lib/vocabulary";

/** Every action the log records; add new ones here so the API and the page can list them. */
export const AUDIT_ACTIONS = [
  "anomaly.dismiss",
  "anomaly.reopen",
  "anomaly.feedback",
  "api_key.create",
  "api_key.revoke",
  "member.invite",
  "member.join",
  "member.role_change",
  "member.remove",
  "organization.plan_change",
  "settings.change",
  "provider.create",
  "provider.update",
  "provider.delete",
  "website.create",
  "website.update",
  "website.delete",
  "destination.create",
  "destination.update",
  "destination.delete",
  "monitor.create",
  "monitor.update",
  "monitor.delete",
  "suppression.create",
  "suppression.delete",
  "link.create",
  "link.delete",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const auditDetailsSchema = z.record(z.string(), z.unknown());
export type AuditDetails = z.infer<typeof auditDetailsSchema>;

export interface AuditDraft {
  orgId: string;
  /** Principal.label: the user's e-mail or "api-key:<prefix>"; "cli" for the command line. */
  actor: string;
  action: AuditAction;
  targetType: string;
  targetId?: string | number | null;
  details?: AuditDetails;
  at?: Date;
}

type AuditWriter = Pick<Db, "auditEntry">;

/** Appends one entry; pass the transaction's client to write it with the change it records. */
export async function recordAudit(entry: AuditDraft, client: AuditWriter = db()): Promise<void> {
  await client.auditEntry.create({
    data: {
      orgId: entry.orgId,
      actor: entry.actor,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId),
      details: JSON.parse(JSON.stringify(entry.details ?? {})),
      ...(entry.at ? { at: entry.at } : {}),
    },
  });
}

export function readAuditDetails(row: { details: unknown }): AuditDetails {
  return readStored("AuditEntry.details", auditDetailsSchema, row.details);
}
