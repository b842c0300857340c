// Crash safety: an import killed (SIGKILL) while writing leaves every day either fully
// imported or untouched, and running it again completes it without doubling anything.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTestOrg, createTestProvider } from "../support/fixtures";
import { db } from "@/lib/db/client";
import { writeFocusFile, type GeneratedFile } from "@/tests/support/generators/cost-file";

const ROOT = path.resolve(__dirname, "../..");
const dir = mkdtempSync(path.join(os.tmpdir(), "bandwatch-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function perDay(providerId: number) {
  const rows = await db().costDaily.groupBy({ by: ["day"], where: { providerId }, _sum: { amount: true } });
  return new Map(rows.map((r) => [r.day, Math.round((r._sum.amount ?? 0) * 100) / 100]));
}

function expectConsistent(written: Map<string, number>, file: GeneratedFile) {
  for (const [day, amount] of written) expect(amount, day).toBe(Math.round(file.usageByDay.get(day)! * 100) / 100);
}

describe("killed import", () => {
  it("leaves no half-written day, and a re-run completes it", async () => {
    const org = await createTestOrg("pro");
    const providerId = (await createTestProvider(org.id, "crash")).id;
    const file = path.join(dir, "big.csv");
    const generated = await writeFocusFile(file, 200_000, { days: 200, services: 5 });
    const args = ["bin/bandwatch.mjs", "import", "focus", file, "--provider", String(providerId), "--no-detect"];
    const env = { ...process.env, CHECKPOINT_DISABLE: "1" };

    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
    const killed = await new Promise<boolean>((resolve) => {
      child.stderr.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("writing days")) child.kill("SIGKILL");
      });
      child.on("exit", (_code, signal) => resolve(signal === "SIGKILL"));
    });
    expect(killed).toBe(true);

    const afterKill = await perDay(providerId);
    expect(afterKill.size).toBeGreaterThan(0);
    expect(afterKill.size).toBeLessThan(generated.days.length);
    expectConsistent(afterKill, generated);
    // Detail rows and rollup were committed together: no day has entries without its rollup.
    const entryDays = await db().costEntry.groupBy({ by: ["day"], where: { providerId } });
    expect(entryDays.length).toBe(afterKill.size);
    const run = await db().importRun.findFirst({ where: { providerId }, orderBy: { startedAt: "asc" } });
    expect(run?.status).toBe("running");

    const again = spawnSync(process.execPath, [...args, "--json"], { cwd: ROOT, env, encoding: "utf8" });
    expect(again.status, again.stderr).toBe(0);
    const complete = await perDay(providerId);
    expect(complete.size).toBe(generated.days.length);
    expectConsistent(complete, generated);
  }, 120_000);
});
