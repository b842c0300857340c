// Issue 10 item 14: background re-detection after ingest is coalesced per organization.
import { describe, expect, it } from "vitest";
import { PerKeyCoalescer } from "@/lib/ingest/redetect";

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("PerKeyCoalescer", () => {
  it("folds a burst into one run plus at most one follow-up per key", async () => {
    const runs: string[] = [];
    let running = 0;
    let maxConcurrent = 0;
    const coalescer = new PerKeyCoalescer(async (key) => {
      running += 1;
      maxConcurrent = Math.max(maxConcurrent, running);
      runs.push(key);
      await tick(30);
      running -= 1;
    }, 5);
    for (let i = 0; i < 50; i++) coalescer.schedule("org-a");
    coalescer.schedule("org-b");
    await tick(20); // org-a's first run is under way
    for (let i = 0; i < 50; i++) coalescer.schedule("org-a"); // lands during the run: one follow-up
    while (coalescer.pending) await tick(10);
    expect(runs.filter((k) => k === "org-a")).toHaveLength(2);
    expect(runs.filter((k) => k === "org-b")).toHaveLength(1);
    expect(maxConcurrent).toBeLessThanOrEqual(2); // one per key
  });

  it("keeps going after a failed run", async () => {
    let calls = 0;
    const coalescer = new PerKeyCoalescer(async () => {
      calls += 1;
      throw new Error("detection failed");
    }, 1);
    coalescer.schedule("x");
    while (coalescer.pending) await tick(5);
    coalescer.schedule("x");
    while (coalescer.pending) await tick(5);
    expect(calls).toBe(2);
  });
});
