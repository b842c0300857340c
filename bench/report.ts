// Benchmarks write their figures into BENCHMARKS.md between markers, one section each.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const FILE = path.resolve("BENCHMARKS.md");

export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const load = os.loadavg().map((l) => l.toFixed(1)).join(" / ");
  return `${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}; load average ${load} (1/5/15 min) when it finished`;
}

export function writeBenchSection(id: string, title: string, body: string): void {
  const start = `<!-- bench:${id} -->`;
  const end = `<!-- /bench:${id} -->`;
  const section = `${start}\n### ${title}\n\nMeasured ${new Date().toISOString().slice(0, 10)} on ${machineLine()}.\n\n${body}\n${end}`;
  let text = existsSync(FILE) ? readFileSync(FILE, "utf8") : "# Benchmarks\n\nFigures written by `npm run bench:*`; each section is replaced when its benchmark runs again.\n";
  const re = new RegExp(`${start}[\\s\\S]*?${end}`);
  text = re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(FILE, text);
}
