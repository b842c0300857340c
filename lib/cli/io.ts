// Output conventions: with --json only JSON goes to stdout; messages go to stderr.
// Also what every command module shares: the command shape and flag parsing.
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function info(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function requireOption(value: string | undefined, name: string): string {
  if (!value || !value.trim()) throw new CliError(`missing required option --${name}`);
  return value.trim();
}

export type CommandHandler = (argv: string[]) => Promise<number | void>;

export interface Command {
  summary: string;
  run: CommandHandler;
}

type Flags = Record<string, { type: "string" } | { type: "boolean" }>;

/** Parsed flags: string options read as `values.name`, booleans as `values.flag === true`. */
export function args(argv: string[], options: Flags) {
  try {
    const parsed = parseArgs({ args: argv, options: { ...options, json: { type: "boolean" } }, allowPositionals: true, strict: true });
    const raw = parsed.values as Record<string, string | boolean | undefined>;
    const values: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(raw)) if (typeof v === "string") values[k] = v;
    const flags = (name: string) => raw[name] === true;
    return { values, flags, json: flags("json"), positionals: parsed.positionals };
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

/** A password from the terminal, or the first line of standard input when it is not one. */
export async function promptPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const line = Buffer.concat(chunks).toString().split(/\r?\n/)[0] ?? "";
    return line;
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question("Password: ");
  } finally {
    rl.close();
  }
}
