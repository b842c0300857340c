// Output conventions: with --json only JSON goes to stdout; messages go to stderr.
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
