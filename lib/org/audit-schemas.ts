// Shapes of GET /api/v1/audit-log.
import { z } from "zod";
import { queryEnum, queryInt } from "@/lib/http/schemas";
import { AUDIT_ACTIONS } from "./audit";
import { isoInstant } from "./schemas";

export const auditLogQuery = z.strictObject({
  limit: queryInt({ min: 1, max: 200 }).optional().default(50).describe("Entries per page (1–200, default 50)"),
  cursor: z.string().max(200, { message: "must be at most 200 characters" }).optional().describe("next_cursor of the previous page"),
  action: queryEnum(AUDIT_ACTIONS).optional().describe("Only this action"),
  since: isoInstant.optional().describe("Only entries at or after this instant (ISO date or date-time)"),
});

export const auditEntryJson = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string().describe("The user's e-mail, api-key:<prefix>, or cli"),
  action: z.string(),
  target_type: z.string(),
  target_id: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryJson = z.infer<typeof auditEntryJson>;

export const auditLogResponse = z.object({ data: z.array(auditEntryJson), next_cursor: z.string().nullable() });
