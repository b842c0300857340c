// The organization's audit log (admin API keys or admin users).
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { listAuditLogEndpoint } from "@/lib/org/endpoints";
import { listAuditLog } from "@/lib/org/audit-log";

export const dynamic = "force-dynamic";

export const GET = handle(listAuditLogEndpoint, async ({ principal, query }) => listAuditLog(principal.org, query));

export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(listAuditLogEndpoint);
