// Issue 13: one web anomaly for the dashboard, with its history (oldest first). Only the
// dashboard's internal route shows it; the external API's fields stay as its spec says.
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { OrgRef } from "@/lib/auth/principal";
import { notFound } from "@/lib/http/errors";
import { uuid } from "@/lib/http/schemas";
import { anomalyHistory } from "@/lib/anomalies/history-json";
import { historyFieldsOf } from "@/lib/anomalies/history-view";
import { ANOMALY_FEEDBACKS } from "@/lib/vocabulary";
import { webAnomaly } from "./schemas";
import { toWebAnomalyJson } from "./anomalies";

export const webAnomalyDetailParams = z.object({
  id: uuid,
  anomalyId: z.string().regex(/^anom_[0-9a-fA-F-]{36}$/, { message: "must be an anomaly id (anom_…)" }),
});

export const webAnomalyDetail = webAnomaly.extend({ history: anomalyHistory, feedback: z.enum(ANOMALY_FEEDBACKS).nullable() });
export type WebAnomalyDetailJson = z.infer<typeof webAnomalyDetail>;
export const webAnomalyDetailResponse = z.object({ data: webAnomalyDetail });

export async function getWebAnomalyDetail(org: Pick<OrgRef, "id">, websiteId: string, anomalyId: string): Promise<WebAnomalyDetailJson> {
  const publicId = anomalyId.slice("anom_".length).toLowerCase();
  const row = await db().anomaly.findFirst({ where: { orgId: org.id, websiteId, type: "web", publicId } });
  if (!row) throw notFound("Anomaly");
  return { ...toWebAnomalyJson(row), ...(await historyFieldsOf(row)) };
}
