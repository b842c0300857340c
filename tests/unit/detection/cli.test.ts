import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { detectCsv, parseSeriesCsv, parseTimestamp, runDetectSeries } from "@/lib/cli/detect-series";
import { detectSeries } from "@/lib/detection";
import { normal, rng } from "./synth";

function hourlyCsv(n: number, seed: number, spikeAt = -1): string {
  const r = rng(seed);
  const lines = ["timestamp,value"];
  for (let i = 0; i < n; i++) {
    const t = new Date(Date.UTC(2024, 2, 1) + i * 3_600_000).toISOString().replace("T", " ").slice(0, 19);
    const v = 100 + 30 * Math.sin((i / 24) * 2 * Math.PI) + 3 * normal(r) + (i === spikeAt ? 80 : 0);
    if (i % 50 === 7) continue; // missing rows
    lines.push(`${t},${v.toFixed(3)}`);
  }
  return lines.join("\n") + "\n";
}

describe("detect-series CLI", () => {
  it("parses both timestamp styles as UTC", () => {
    expect(parseTimestamp("2024-03-01 12:00:00")).toBe(Date.UTC(2024, 2, 1, 12));
    expect(parseTimestamp("2024-03-01T12:00:00Z")).toBe(Date.UTC(2024, 2, 1, 12));
    expect(parseTimestamp("2024-03-01T13:00:00+01:00")).toBe(Date.UTC(2024, 2, 1, 12));
    expect(parseTimestamp("2024-13-01 00:00:00")).toBeNaN();
    expect(parseTimestamp("yesterday")).toBeNaN();
  });

  it("writes one row per input row with the documented header, same engine as the job", () => {
    const input = hourlyCsv(24 * 20, 1, 24 * 15 + 5);
    const out = detectCsv(input).trim().split("\n");
    const rows = input.trim().split("\n");
    expect(out[0]).toBe("timestamp,value,expected,lower,upper,anomaly_score,is_anomaly");
    expect(out).toHaveLength(rows.length);
    const parsed = parseSeriesCsv(input);
    const verdicts = detectSeries(parsed.timestamps, parsed.values);
    for (let i = 1; i < out.length; i++) {
      const c = out[i].split(",");
      expect(c.slice(0, 2).join(",")).toBe(rows[i]);
      const score = Number(c[5]);
      expect(score >= 0 && score <= 1).toBe(true);
      expect(c[6]).toBe(verdicts[i - 1].isAnomaly ? "1" : "0");
      if (verdicts[i - 1].expected === null) expect(c[2]).toBe("");
    }
    expect(out[1].split(",")[2]).toBe("");
    const spikeRow = out.findIndex((l) => l.startsWith("2024-03-16 05:00:00"));
    expect(out[spikeRow].endsWith(",1")).toBe(true);
  });

  it("reports malformed input with the line number and exits non-zero", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bw-detect-"));
    const cases: Array<[string, RegExp]> = [
      ["time,val\n2024-01-01,1\n", /line 1: header/],
      ["timestamp,value\n2024-01-01 00:00:00,1\n2024-01-01 01:00:00,abc\n", /line 3: value "abc" is not a number/],
      ["timestamp,value\n2024-01-01 00:00:00,1\nnot-a-date,2\n", /line 3: invalid timestamp/],
      ["timestamp,value\n2024-01-02 00:00:00,1\n2024-01-01 00:00:00,2\n", /line 3: .*earlier/],
      ["timestamp,value\n2024-01-01 00:00:00,1,5\n", /line 2: expected 2 fields/],
    ];
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      for (const [text, re] of cases) {
        const inFile = path.join(dir, "in.csv");
        writeFileSync(inFile, text);
        err.mockClear();
        const code = await runDetectSeries(["--input", inFile, "--output", path.join(dir, "out.csv")]);
        expect(code).not.toBe(0);
        expect(err.mock.calls.map((c) => String(c[0])).join("")).toMatch(re);
      }
      expect(await runDetectSeries(["--input", path.join(dir, "in.csv")])).not.toBe(0);
      expect(await runDetectSeries(["--input", "x", "--output", "y", "--sensitivity", "2"])).not.toBe(0);
    } finally {
      err.mockRestore();
    }
  });

  it("runs end to end on files and tolerates a repeated timestamp from a clock shift", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bw-detect-"));
    const inFile = path.join(dir, "in.csv");
    const outFile = path.join(dir, "out.csv");
    writeFileSync(inFile, "timestamp,value\r\n2024-03-31 01:00:00,5\r\n2024-03-31 01:00:00,6\r\n2024-03-31 02:00:00,5\r\n");
    expect(await runDetectSeries(["--input", inFile, "--output", outFile, "--sensitivity", "0.7"])).toBe(0);
    expect(readFileSync(outFile, "utf8").trim().split("\n")).toHaveLength(4);
  });

  it("handles 100,000 rows", () => {
    const r = rng(9);
    const lines = ["timestamp,value"];
    for (let i = 0; i < 100_000; i++) lines.push(`${new Date(Date.UTC(2023, 0, 1) + i * 300_000).toISOString()},${(50 + 5 * normal(r)).toFixed(2)}`);
    const text = lines.join("\n");
    // Speed: `npm run bench:business` measures it; tests do not time.
    const out = detectCsv(text);
    expect(out.split("\n").length).toBe(100_002);
    // A generous limit: this is a correctness test, and a loaded 2-core machine took > 5 s.
  }, 60_000);
});
