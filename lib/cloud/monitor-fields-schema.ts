// The cloud API's additions for root causes and monitors (issue 13): list filters and the
// fields an anomaly gains. Client-safe (zod only).
import { z } from "zod";
import { intId } from "@/lib/http/schemas";
export { rootCauses } from "@/lib/anomalies/monitor-fields";

const MAX_FILTER_LENGTH = 256;
const filterText = z
  .string()
  .trim()
  .min(1, { message: "must not be empty" })
  .max(MAX_FILTER_LENGTH, { message: `must be at most ${MAX_FILTER_LENGTH} characters` })
  .refine((s) => !s.includes("\n"), { message: "must be one line" });

/** Extra optional query parameters of GET /api/v1/anomalies. */
export const monitorListFilters = {
  // Anomalies whose root causes (or watched account) include this linked account / region.
  account_id: filterText.optional(),
  region: filterText.optional(),
  monitor_id: intId.optional(),
};

export const anomalyDimension = z.object({ key: z.string(), value: z.string() });
