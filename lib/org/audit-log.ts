// Reading and pruning the audit log (the writer is lib/org/audit.ts): newest first, in pages
// joined by an opaque cursor, filtered by action and by a lower time bound.
import { db } from "@/lib/db/client";
import { setting } from "@/lib/config";
import { badParameter } from "@/lib/http/errors";
import type { OrgRef } from "@/lib/auth/principal";
import { readAuditDetails, type AuditAction } from "./audit";
import type { AuditEntryJson } from "./audit-schemas";

export interface AuditQuery {
  limit: number;
  cursor?: string;
  action?: AuditAction;
  since?: Date;
}

interface Cursor {
  at: Date;
  id: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at.toISOString()}|${cursor.id}`, "utf8").toString("base64url");
}

/** A cursor this API did not hand out is a 400 on `cursor`, never a 500. */
function decodeCursor(raw: string): Cursor {
  const [at, id, extra] = Buffer.from(raw, "base64url").toString("utf8").split("|");
  const when = new Date(at ?? "");
  if (extra !== undefined || !id || id.length > 64 || Number.isNaN(when.getTime())) throw badParameter("cursor", "is not a cursor this API returned");
  return { at: when, id };
}

export async function listAuditLog(org: Pick<OrgRef, "id">, query: AuditQuery): Promise<{ data: AuditEntryJson[]; next_cursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db().auditEntry.findMany({
    where: {
      orgId: org.id,
      ...(query.action ? { action: query.action } : {}),
      AND: [
        query.since ? { at: { gte: query.since } } : {},
        after ? { OR: [{ at: { lt: after.at } }, { at: after.at, id: { lt: after.id } }] } : {},
      ],
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actor: row.actor,
      action: row.action,
      target_type: row.targetType,
      target_id: row.targetId,
      details: readAuditDetails(row),
    })),
    next_cursor: rows.length > query.limit && last ? encodeCursor({ at: last.at, id: last.id }) : null,
  };
}

/** Entries older than BANDWATCH_AUDIT_RETENTION_DAYS go (one indexed delete per organization-less sweep). */
export async function pruneAuditLog(now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - setting("BANDWATCH_AUDIT_RETENTION_DAYS") * 86_400_000);
  const result = await db().auditEntry.deleteMany({ where: { at: { lt: cutoff } } });
  return result.count;
}
