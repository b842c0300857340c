// Web analytics detection for one organization's websites (filled in by the website analytics work).
import type { SyncResult } from "@/lib/services/anomaly-store";

export async function detectWebForOrg(orgId: string, now: Date): Promise<{ series: number; sync: SyncResult }> {
  void orgId;
  void now;
  return { series: 0, sync: { created: 0, updated: 0, removed: 0, createdIds: [], escalatedIds: [] } };
}
