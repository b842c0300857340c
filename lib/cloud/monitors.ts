// Cost monitors (issue 13): which series cost detection judges. Every query is scoped by the
// caller's organization; a removed monitor is soft-deleted so its anomalies and history stay.
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { OrgRef } from "@/lib/auth/principal";
import { HttpError, notFound } from "@/lib/http/errors";
import { recordAudit } from "@/lib/org/audit";
import { readStored } from "@/lib/vocabulary";
import type { CreateMonitorBody, MonitorJson, UpdateMonitorBody } from "./monitor-schemas";

type MonitorRow = Awaited<ReturnType<ReturnType<typeof db>["costMonitor"]["findFirstOrThrow"]>>;

export const DEFAULT_MONITOR_NAME = "All services";

const storedValues = z.array(z.string());
export function readMonitorValues(row: { values: unknown }): string[] {
  return readStored("CostMonitor.values", storedValues, row.values);
}

export function toMonitorJson(row: MonitorRow): MonitorJson {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    provider_id: row.providerId,
    tag_key: row.tagKey,
    values: readMonitorValues(row),
    created_at: row.createdAt.toISOString(),
  };
}

/**
 * The organization's `services` monitor, created on first use (by the list or the detection
 * job). Should two callers race, the oldest one is the monitor everyone uses.
 */
export async function defaultMonitor(orgId: string): Promise<MonitorRow> {
  const where = { orgId, kind: "services" as const, deletedAt: null };
  const existing = await db().costMonitor.findFirst({ where, orderBy: { id: "asc" } });
  if (existing) return existing;
  await db().costMonitor.create({ data: { orgId, name: DEFAULT_MONITOR_NAME, kind: "services" } });
  return db().costMonitor.findFirstOrThrow({ where, orderBy: { id: "asc" } });
}

export async function listMonitors(org: Pick<OrgRef, "id">): Promise<MonitorJson[]> {
  await defaultMonitor(org.id);
  const rows = await db().costMonitor.findMany({ where: { orgId: org.id, deletedAt: null }, orderBy: { id: "asc" } });
  return rows.map(toMonitorJson);
}

async function findMonitor(orgId: string, id: number): Promise<MonitorRow> {
  const row = await db().costMonitor.findFirst({ where: { id, orgId, deletedAt: null } });
  if (!row) throw notFound("Monitor");
  return row;
}

export async function getMonitor(org: Pick<OrgRef, "id">, id: number): Promise<MonitorJson> {
  return toMonitorJson(await findMonitor(org.id, id));
}

/** A provider the body names must be the caller's own (another organization's is not found). */
async function checkProvider(orgId: string, providerId: number | null | undefined): Promise<void> {
  if (!providerId) return;
  const provider = await db().provider.findFirst({ where: { id: providerId, orgId }, select: { id: true } });
  if (!provider) throw notFound("Provider");
}

export async function createMonitor(org: Pick<OrgRef, "id">, body: CreateMonitorBody, actor: string): Promise<MonitorJson> {
  await checkProvider(org.id, body.provider_id);
  const row = await db().$transaction(async (tx) => {
    const created = await tx.costMonitor.create({
      data: { orgId: org.id, name: body.name, kind: body.kind, providerId: body.provider_id ?? null, tagKey: body.tag_key ?? null, values: body.values ?? [] },
    });
    await recordAudit({ orgId: org.id, actor, action: "monitor.create", targetType: "monitor", targetId: created.id, details: { name: created.name, kind: created.kind } }, tx);
    return created;
  });
  return toMonitorJson(row);
}

export async function updateMonitor(org: Pick<OrgRef, "id">, id: number, body: UpdateMonitorBody, actor: string): Promise<MonitorJson> {
  const current = await findMonitor(org.id, id);
  if (current.kind === "services" && (body.values !== undefined || body.tag_key !== undefined || body.provider_id !== undefined)) {
    throw new HttpError("invalid_body", "Invalid request body: the services monitor watches every service of every provider; only its name can change", [
      { message: "only name can change on the services monitor" },
    ]);
  }
  if (body.tag_key !== undefined && current.kind !== "tag") {
    throw new HttpError("invalid_body", "Invalid request body at 'tag_key': is only for a tag monitor", [{ field: "tag_key", message: "is only for a tag monitor" }]);
  }
  await checkProvider(org.id, body.provider_id);
  const data = {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.provider_id !== undefined ? { providerId: body.provider_id } : {}),
    ...(body.tag_key !== undefined ? { tagKey: body.tag_key } : {}),
    ...(body.values !== undefined ? { values: body.values } : {}),
  };
  await db().$transaction(async (tx) => {
    await tx.costMonitor.updateMany({ where: { id, orgId: org.id }, data });
    await recordAudit({ orgId: org.id, actor, action: "monitor.update", targetType: "monitor", targetId: id, details: { changed: Object.keys(body) } }, tx);
  });
  return toMonitorJson(await findMonitor(org.id, id));
}

/** Soft delete: the monitor stops running; its anomalies keep their `monitor_id` and history. */
export async function deleteMonitor(org: Pick<OrgRef, "id">, id: number, actor: string): Promise<void> {
  const current = await findMonitor(org.id, id);
  if (current.kind === "services") throw new HttpError("conflict", "The services monitor cannot be removed");
  await db().$transaction(async (tx) => {
    await tx.costMonitor.updateMany({ where: { id, orgId: org.id, deletedAt: null }, data: { deletedAt: new Date() } });
    await recordAudit({ orgId: org.id, actor, action: "monitor.delete", targetType: "monitor", targetId: id, details: { name: current.name } }, tx);
  });
}
