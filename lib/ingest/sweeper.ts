// Expires work a crash or restart cut off, so nothing looks alive forever:
// - imports still `running` without a heartbeat for BANDWATCH_IMPORT_STALE_SECONDS end
//   `failed` (error_code `expired`); a live import beats every HEARTBEAT_MS, on any instance;
// - Idempotency-Key claims still in flight after BANDWATCH_IDEMPOTENCY_INFLIGHT_SECONDS are
//   released, so the client's retry runs instead of getting 409 for a day. (A claim holds
//   no response yet: releasing it loses nothing.)
// Runs at server start-up and then every minute (instrumentation.ts).
import { setting } from "@/lib/config";
import { db } from "@/lib/db/client";

/** How often a running import refreshes its heartbeat. */
export const HEARTBEAT_MS = 20_000;

export const sweeperConfig = {
  get importStaleMs() {
    return setting("BANDWATCH_IMPORT_STALE_SECONDS") * 1000;
  },
  get idempotencyInFlightMs() {
    return setting("BANDWATCH_IDEMPOTENCY_INFLIGHT_SECONDS") * 1000;
  },
};

export const EXPIRED_IMPORT_SUMMARY = { error_code: "expired", error: "the import stopped without finishing (server restart or crash); upload the file again" };

export interface SweepResult {
  importsExpired: number;
  claimsReleased: number;
}

export async function sweepStaleWork(now = new Date()): Promise<SweepResult> {
  const importCutoff = new Date(now.getTime() - sweeperConfig.importStaleMs);
  const imports = await db().importRun.updateMany({
    where: {
      status: "running",
      OR: [{ heartbeatAt: { lt: importCutoff } }, { heartbeatAt: null, startedAt: { lt: importCutoff } }],
    },
    data: { status: "failed", finishedAt: now, summary: EXPIRED_IMPORT_SUMMARY },
  });
  const claims = await db().idempotencyRecord.deleteMany({
    where: { status: 0, createdAt: { lt: new Date(now.getTime() - sweeperConfig.idempotencyInFlightMs) } },
  });
  return { importsExpired: imports.count, claimsReleased: claims.count };
}

const started = globalThis as unknown as { __bandwatchSweeper?: NodeJS.Timeout };

export function startSweeper(intervalMs = 60_000): void {
  if (started.__bandwatchSweeper) return;
  const tick = () =>
    sweepStaleWork()
      .then((r) => {
        if (r.importsExpired || r.claimsReleased) console.warn(`[bandwatch] expired ${r.importsExpired} interrupted import(s), released ${r.claimsReleased} stale Idempotency-Key claim(s)`);
      })
      .catch((error: unknown) => console.error("[bandwatch] sweeping stale work failed", error instanceof Error ? error.message : error));
  void tick();
  started.__bandwatchSweeper = setInterval(tick, intervalMs);
  started.__bandwatchSweeper.unref();
}
