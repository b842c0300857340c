import { CliError } from "./io";
import { commands } from "./commands";
import { disconnectDb } from "@/lib/db/client";
import { configError, setting } from "@/lib/config";

const USAGE = `usage: bandwatch <command> [options]

commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(22)} ${c.summary}`)
  .join("\n")}
`;

export async function main(argv: string[]): Promise<number> {
  const words = argv.filter((a) => !a.startsWith("-"));
  // Longest command name that matches the leading words ("keys create", "db migrate", "detect").
  const name = [words.slice(0, 2).join(" "), words[0]].find((n) => n && n in commands);
  if (!name) {
    process.stderr.write(USAGE);
    return argv.includes("--help") || argv[0] === "help" ? 0 : 1;
  }
  // Every command refuses a misconfigured environment, as the server does.
  const invalid = configError();
  if (invalid) {
    process.stderr.write(`bandwatch ${name}: ${invalid}\n`);
    return 1;
  }
  const consumed = name.split(" ").length;
  const rest = [...argv];
  for (let i = 0, removed = 0; i < rest.length && removed < consumed; ) {
    if (!rest[i].startsWith("-")) {
      rest.splice(i, 1);
      removed++;
    } else i++;
  }
  try {
    const code = await commands[name].run(rest);
    return typeof code === "number" ? code : 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = message.split("\n").map((l) => l.trim()).find((l) => l && !l.startsWith("Invalid `")) ?? "failed";
    const hint = /no such table|does not exist in the current database/i.test(message) ? " (run `bandwatch db migrate` first)" : "";
    process.stderr.write(`bandwatch ${name}: ${line}${hint}\n`);
    if (!(error instanceof CliError) && setting("BANDWATCH_DEBUG")) console.error(error);
    return error instanceof CliError ? error.exitCode : 1;
  } finally {
    await disconnectDb().catch(() => undefined);
  }
}
