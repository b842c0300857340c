import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { detectCsv, parseSeriesCsv, runDetectSeries } from "@/lib/cli/detect-series";
import { detectSeries, inferUserKind } from "@/lib/detection";
import { DAY, HOUR, START, grid, normal, poisson, rng } from "./synth";

function csv(ts: number[], vs: number[], dateOnly = false): string {
  return ["timestamp,value", ...ts.map((t, i) => `${new Date(t).toISOString().slice(0, dateOnly ? 10 : 19)},${vs[i]}`)].join("\n") + "\n";
}

describe("detect-series kind inference", () => {
  it("tells daily spend, integer counts, hourly fractions and gauges apart", () => {
    const r = rng(3);
    const days = grid(60, DAY);
    const hours = grid(24 * 20, HOUR);
    const fiveMin = grid(500, 300_000);
    expect(inferUserKind(days, days.map(() => Math.round((120 + 10 * normal(r)) * 100) / 100))).toBe("cost");
    expect(inferUserKind(days, days.map(() => poisson(r, 40)))).toBe("count");
    expect(inferUserKind(hours, hours.map(() => poisson(r, 40)))).toBe("count");
    expect(inferUserKind(hours, hours.map(() => Math.round(r() * 1000) / 1000))).toBe("rate");
    expect(inferUserKind(hours, hours.map(() => 1 + r()))).toBe("gauge");
    expect(inferUserKind(hours, hours.map(() => normal(r)))).toBe("gauge");
    // Fine-grained machine metrics stay gauges even when they are integers.
    expect(inferUserKind(fiveMin, fiveMin.map(() => poisson(r, 40)))).toBe("gauge");
  });

  it("uses the inferred kind when none is given, and an explicit one when it is", () => {
    const r = rng(5);
    const days = grid(90, DAY, START);
    const vs = days.map((_, i) => Math.round((200 + 8 * normal(r) + (i === 70 ? -150 : 0)) * 100) / 100);
    const text = csv(days, vs, true);
    const parsed = parseSeriesCsv(text);
    // Inferred: cost, both directions, a floor of 10 (the cost job's default floor).
    const asCost = detectSeries(parsed.timestamps, parsed.values, { kind: "amount", direction: "both", minAbsoluteDelta: 10 });
    const flags = (out: string) => out.trim().split("\n").slice(1).map((l) => l.endsWith(",1"));
    expect(flags(detectCsv(text))).toEqual(asCost.map((v) => v.isAnomaly));
    // Spend falling by three quarters is an incident; --direction up ignores it.
    expect(flags(detectCsv(text))[70]).toBe(true);
    expect(flags(detectCsv(text, 0.5, { direction: "up" }))[70]).toBe(false);
    const asGauge = detectSeries(parsed.timestamps, parsed.values, { kind: "gauge" });
    expect(flags(detectCsv(text, 0.5, { kind: "gauge" }))).toEqual(asGauge.map((v) => v.isAnomaly));
  });

  it("a tiny cost series moving a few dollars stays quiet unless --min-delta lowers the floor", () => {
    const r = rng(8);
    const days = grid(90, DAY, START);
    const vs = days.map((_, i) => Math.round((3 + 0.1 * normal(r) + (i === 70 ? 6 : 0)) * 100) / 100);
    const text = csv(days, vs, true);
    const row = (out: string) => out.trim().split("\n")[71];
    expect(row(detectCsv(text)).endsWith(",0")).toBe(true);
    expect(row(detectCsv(text, 0.5, { minDelta: 0 })).endsWith(",1")).toBe(true);
    expect(row(detectCsv(text, 0.5, { minDelta: 10 })).endsWith(",0")).toBe(true);
  });

  it("rejects bad option values with exit status 2", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bw-detect-opt-"));
    const inFile = path.join(dir, "in.csv");
    writeFileSync(inFile, "timestamp,value\n2024-01-01,1\n");
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const base = ["--input", inFile, "--output", path.join(dir, "out.csv")];
      for (const [flag, value, re] of [["--kind", "money", /--kind must be one of/], ["--direction", "sideways", /--direction must be/], ["--min-delta", "-1", /--min-delta must be/], ["--min-delta", "", /--min-delta must be/]] as const) {
        err.mockClear();
        expect(await runDetectSeries([...base, flag, value])).toBe(2);
        expect(err.mock.calls.map((c) => String(c[0])).join("")).toMatch(re);
      }
      expect(await runDetectSeries([...base, "--kind=count", "--direction=down", "--min-delta=2"])).toBe(0);
    } finally {
      err.mockRestore();
    }
  });
});
