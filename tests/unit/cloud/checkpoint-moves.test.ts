// When a daily run moves a series' checkpoint (lib/cloud/resume.ts, movesCheckpoint): once a
// week, on the series' own day, so that after a rebuild an organization's checkpoints are not all
// rewritten by the same run, and never more than a week late.
import { describe, expect, it } from "vitest";
import { movesCheckpoint, RESUME_MARGIN_DAYS } from "@/lib/cloud/resume";
import { addDays } from "@/lib/time";

const START = "2026-03-02";

/** The days (as offsets from START) on which a series that keeps up with daily runs moves its checkpoint. */
function moves(seriesKey: string, days: number): number[] {
  let through = START;
  const out: number[] = [];
  for (let d = 1; d <= days; d++) {
    const wanted = addDays(START, d);
    if (movesCheckpoint(seriesKey, through, wanted)) {
      out.push(d);
      through = wanted;
    }
  }
  return out;
}

describe("movesCheckpoint", () => {
  it("never moves backwards or in place, always once a week has passed", () => {
    expect(movesCheckpoint("cost:1", START, START)).toBe(false);
    expect(movesCheckpoint("cost:1", START, addDays(START, -3))).toBe(false);
    expect(movesCheckpoint("cost:1", START, addDays(START, RESUME_MARGIN_DAYS))).toBe(true);
    expect(movesCheckpoint("cost:1", START, addDays(START, 40))).toBe(true);
  });

  it("moves every series exactly once a week after its first move, at most a week after the rebuild", () => {
    for (const key of ["cost:1", "cost:2", "cost:77", "performance:3:p95_latency_ms"]) {
      const days = moves(key, 60);
      expect(days[0]).toBeGreaterThanOrEqual(1);
      expect(days[0]).toBeLessThanOrEqual(RESUME_MARGIN_DAYS);
      for (let i = 1; i < days.length; i++) expect(days[i] - days[i - 1]).toBe(RESUME_MARGIN_DAYS);
    }
  });

  it("spreads an organization's series over the days of the week", () => {
    const perDay = new Array<number>(RESUME_MARGIN_DAYS).fill(0);
    for (let p = 1; p <= 100; p++) perDay[(moves(`cost:${p}`, RESUME_MARGIN_DAYS)[0] - 1) % RESUME_MARGIN_DAYS] += 1;
    expect(Math.max(...perDay), `moves per day: ${perDay.join(", ")}`).toBeLessThanOrEqual(25);
    expect(Math.min(...perDay)).toBeGreaterThanOrEqual(5);
  });

  it("a run that missed the series' day moves it at the next run", () => {
    const [first] = moves("cost:5", RESUME_MARGIN_DAYS);
    const through = addDays(START, first);
    // The runs of the following week skip the series' day (it comes 7 days after its last move).
    expect(movesCheckpoint("cost:5", through, addDays(through, RESUME_MARGIN_DAYS - 1))).toBe(false);
    expect(movesCheckpoint("cost:5", through, addDays(through, RESUME_MARGIN_DAYS + 2))).toBe(true);
  });
});
