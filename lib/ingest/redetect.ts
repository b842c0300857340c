// After new or corrected cost data lands, the org's series are re-evaluated so that
// anomalies appear (or disappear, when a correction removed the spike) without waiting
// for the schedule. If another run holds the lock, the scheduled run picks the data up:
// detection always re-reads the whole rollup, so nothing is lost by skipping.
//
// Background runs are coalesced per organization: a burst of ingests starts one run
// (plus at most one follow-up for data that landed while it ran), not one lock-polling
// waiter per request.
import { runDetection, type DetectionSummary } from "@/lib/jobs/run-detection";

export async function redetectAfterIngest(orgId: string, waitForLockMs = 20_000): Promise<Pick<DetectionSummary, "status" | "created" | "updated" | "removed">> {
  const summary = await runDetection({ orgIds: [orgId], waitForLockMs });
  return { status: summary.status, created: summary.created, updated: summary.updated, removed: summary.removed };
}

/**
 * Runs `work(key)` in the background at most once at a time per key. Requests that arrive
 * while a run is pending or running fold into a single follow-up run, which starts after
 * the current one and so sees everything they wrote.
 */
export class PerKeyCoalescer {
  readonly #states = new Map<string, { again: boolean }>();

  constructor(
    private readonly work: (key: string) => Promise<unknown>,
    private readonly delayMs = 1_000,
  ) {}

  schedule(key: string): void {
    const state = this.#states.get(key);
    if (state) {
      state.again = true;
      return;
    }
    const fresh = { again: false };
    this.#states.set(key, fresh);
    void this.#loop(key, fresh);
  }

  get pending(): number {
    return this.#states.size;
  }

  async #loop(key: string, state: { again: boolean }): Promise<void> {
    try {
      do {
        state.again = false;
        // A short pause gathers the rest of a burst (a client sending many batches) into this run.
        await new Promise((resolve) => setTimeout(resolve, this.delayMs));
        await this.work(key).catch((error: unknown) => console.error("[bandwatch] detection after ingest failed", error instanceof Error ? error.message : error));
      } while (state.again);
    } finally {
      this.#states.delete(key);
    }
  }
}

const holder = globalThis as unknown as { __bandwatchRedetect?: PerKeyCoalescer };
const background = () => (holder.__bandwatchRedetect ??= new PerKeyCoalescer((orgId) => redetectAfterIngest(orgId, 120_000)));

/** `wait`: run now and report; otherwise queue a coalesced background run and answer "queued". */
export async function detectionAfterIngest(orgId: string, wait: boolean): Promise<"queued" | "succeeded" | "skipped" | "failed"> {
  if (wait) return (await redetectAfterIngest(orgId)).status;
  background().schedule(orgId);
  return "queued";
}
