// `bandwatch import focus|aws-cur <file.csv[.gz]> --provider <id>`: streams a cost export
// into the provider's daily costs, with a progress bar (rows/s) on stderr and a summary.
import { statSync } from "node:fs";
import path from "node:path";
import { args, CliError, info, printJson, requireOption, type Command } from "../io";
import { db } from "@/lib/db/client";
import { importCostFile, ImportError, type ImportProgress, type ImportSummary } from "@/lib/ingest/runner";
import { redetectAfterIngest } from "@/lib/ingest/redetect";
import type { ImportFormat } from "@/lib/ingest/formats";

const BAR_WIDTH = 24;

function progressPrinter(totalBytes: number, started: number) {
  const tty = process.stderr.isTTY === true;
  let lastLine = 0;
  let lastPhase = "";
  const draw = (p: ImportProgress) => {
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    const rate = Math.round(p.rowsRead / seconds);
    const fraction = p.phase === "writing" ? (p.daysTotal ? p.daysWritten / p.daysTotal : 1) : totalBytes ? Math.min(1, p.bytesRead / totalBytes) : 0;
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = `[${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}]`;
    const label = p.phase === "writing" ? `writing days ${p.daysWritten}/${p.daysTotal}` : `${p.rowsRead.toLocaleString("en-US")} rows`;
    const text = `${bar} ${String(Math.round(fraction * 100)).padStart(3)}% ${label}  ${rate.toLocaleString("en-US")} rows/s`;
    if (tty) process.stderr.write(`\r${text}\u001b[K`);
    else if (Date.now() - lastLine > 2000 || p.phase !== lastPhase) {
      // Without a terminal: a line every 2 s and at each phase change (logs stay short).
      lastLine = Date.now();
      lastPhase = p.phase;
      process.stderr.write(`${text}\n`);
    }
  };
  const done = () => {
    if (tty) process.stderr.write("\r\u001b[K");
  };
  return { draw, done };
}

function printSummary(s: ImportSummary, seconds: number) {
  const rate = Math.round(s.rowsRead / Math.max(seconds, 0.001));
  info(s.status === "unchanged" ? `${s.fileName}: already imported (same file hash), nothing changed` : `imported ${s.fileName} (${s.format})`);
  info(`  rows read      ${s.rowsRead.toLocaleString("en-US")} in ${seconds.toFixed(1)} s (${rate.toLocaleString("en-US")} rows/s)`);
  info(`  rows imported  ${s.rowsImported.toLocaleString("en-US")}${s.correctionRows ? ` (${s.correctionRows} corrections)` : ""}`);
  info(`  rows rejected  ${s.rowsRejected.toLocaleString("en-US")}`);
  for (const r of s.rejected.slice(0, 20)) info(`    line ${r.line}: ${r.reason}`);
  if (s.rowsRejected > 20) info(`    ... ${s.rowsRejected - 20} more (see --json)`);
  info(`  days touched   ${s.days.length}${s.days.length ? ` (${s.days[0]} .. ${s.days.at(-1)})` : ""}`);
  if (s.correctedDays.length) info(`  corrected days ${s.correctedDays.join(", ")}`);
  info(`  services       ${s.services.length}${s.services.length ? `: ${s.services.slice(0, 8).join(", ")}${s.services.length > 8 ? ", ..." : ""}` : ""}`);
  info(`  usage spend    ${s.totals.usage.toFixed(2)} ${s.currency}; purchases/taxes/credits ${s.totals.other.toFixed(2)} ${s.currency}`);
}

function importCommand(format: ImportFormat, label: string): Command {
  return {
    summary: `load a ${label} CSV export: import ${format} <file.csv[.gz]> --provider <id> [--force] [--no-detect] [--json]`,
    async run(argv) {
      const { values, flags, json, positionals } = args(argv, { provider: { type: "string" }, force: { type: "boolean" }, "no-detect": { type: "boolean" } });
      const file = positionals[0];
      if (!file) throw new CliError(`usage: bandwatch import ${format} <file.csv[.gz]> --provider <id>`);
      const providerId = Number(requireOption(values.provider, "provider"));
      if (!Number.isInteger(providerId) || providerId < 1) throw new CliError("--provider must be a provider id (a whole number)");
      let size: number;
      try {
        size = statSync(file).size;
      } catch {
        throw new CliError(`cannot read ${file}`);
      }
      const provider = await db().provider.findUnique({ where: { id: providerId }, select: { id: true, orgId: true } });
      if (!provider) throw new CliError(`no provider with id ${providerId}`);
      const started = Date.now();
      const progress = progressPrinter(size, started);
      let summary: ImportSummary;
      try {
        summary = await importCostFile({ orgId: provider.orgId, providerId, format, input: file, fileName: path.basename(file), force: flags("force"), onProgress: progress.draw });
      } catch (error) {
        progress.done();
        if (error instanceof ImportError) throw new CliError(`${error.code}: ${error.message}`);
        throw error;
      }
      progress.done();
      const seconds = (Date.now() - started) / 1000;
      const detection = summary.status === "succeeded" && !flags("no-detect") ? await redetectAfterIngest(provider.orgId, 120_000) : null;
      if (json) printJson({ ...summary, detection });
      else {
        printSummary(summary, seconds);
        if (detection) info(`  detection      ${detection.status}: ${detection.created} created, ${detection.updated} updated, ${detection.removed} removed`);
      }
    },
  };
}

export const importCommands: Record<string, Command> = {
  "import focus": importCommand("focus", "FinOps FOCUS 1.x"),
  "import aws-cur": importCommand("aws-cur", "AWS CUR 2.0"),
};
