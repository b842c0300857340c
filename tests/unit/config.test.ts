// The configuration module is the one source of the settings: the README's table must list
// exactly its variables (same defaults and descriptions), and no code outside it reads
// process.env for a setting.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { configError, configProblems, SETTINGS, setting, settingsTable } from "@/lib/config";

const root = path.resolve(__dirname, "../..");

function renderedTable(): string {
  const rows = settingsTable().map((s) => `| \`${s.name}\` | ${s.shownDefault} | ${s.description} |`);
  return ["| variable | default | |", "|---|---|---|", ...rows].join("\n");
}

function readmeTable(): string {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Configuration"));
  const lines = section.split("\n");
  const first = lines.findIndex((l) => l.startsWith("|"));
  const end = lines.findIndex((l, i) => i > first && !l.startsWith("|"));
  return lines.slice(first, end).join("\n");
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry) ? [full] : [];
  });
}

const saved = { ...process.env };
afterEach(() => {
  for (const name of Object.keys(SETTINGS)) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  vi.restoreAllMocks();
});

describe("settings documentation", () => {
  it("the README's settings table is the module's table", () => {
    expect(readmeTable(), "README.md's settings table differs from lib/config.ts: replace it with the expected value").toBe(renderedTable());
  });

  it("no description breaks the Markdown table", () => {
    for (const row of settingsTable()) expect(`${row.shownDefault} ${row.description}`).not.toMatch(/\||\n/);
  });

  it("code reads settings only through lib/config (Next's own NEXT_RUNTIME aside)", () => {
    const files = [...sourceFiles(path.join(root, "lib")), ...sourceFiles(path.join(root, "app")), path.join(root, "proxy.ts"), path.join(root, "instrumentation.ts")];
    const reads = files
      .filter((file) => !file.endsWith(path.join("lib", "config.ts")))
      .flatMap((file) => [...readFileSync(file, "utf8").matchAll(/process\.env(?:\.(\w+)|\[)/g)].map((m) => `${path.relative(root, file)}: ${m[1] ?? "[dynamic]"}`))
      .filter((read) => !read.endsWith(": NEXT_RUNTIME"));
    expect(reads).toEqual([]);
  });

  it("every BANDWATCH_ variable the start script reads is a documented setting", () => {
    const script = readFileSync(path.join(root, "scripts/start.mjs"), "utf8");
    for (const [name] of script.matchAll(/BANDWATCH_\w+/g)) expect(Object.keys(SETTINGS)).toContain(name);
  });
});

describe("reading settings", () => {
  it("unset and empty values give the default", () => {
    delete process.env.BANDWATCH_COST_FLOOR;
    expect(setting("BANDWATCH_COST_FLOOR")).toBe(10);
    process.env.BANDWATCH_COST_FLOOR = "  ";
    expect(setting("BANDWATCH_COST_FLOOR")).toBe(10);
  });

  it("follows process.env changes at runtime", () => {
    process.env.BANDWATCH_API_RATE_LIMIT = "7";
    expect(setting("BANDWATCH_API_RATE_LIMIT")).toBe(7);
    process.env.BANDWATCH_API_RATE_LIMIT = "9.8";
    expect(setting("BANDWATCH_API_RATE_LIMIT")).toBe(9);
  });

  it("an invalid value at runtime falls back to the default with one warning naming the variable", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    process.env.BANDWATCH_API_RATE_LIMIT = "0";
    expect(setting("BANDWATCH_API_RATE_LIMIT")).toBe(100);
    process.env.BANDWATCH_SIGNIN_IP_LIMIT = "lots";
    expect(setting("BANDWATCH_SIGNIN_IP_LIMIT")).toBe(30);
    expect(setting("BANDWATCH_SIGNIN_IP_LIMIT")).toBe(30);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[1][0])).toContain("BANDWATCH_SIGNIN_IP_LIMIT");
  });

  it("parses the special forms", () => {
    process.env.BANDWATCH_TRUST_PROXY = "TRUE";
    expect(setting("BANDWATCH_TRUST_PROXY")).toBe(1);
    process.env.BANDWATCH_TRUST_PROXY = "25";
    expect(setting("BANDWATCH_TRUST_PROXY")).toBe(10);
    process.env.BANDWATCH_COLLECT_IP_LIMIT = "0";
    expect(setting("BANDWATCH_COLLECT_IP_LIMIT")).toBe(0);
    process.env.BANDWATCH_ALERT_ALLOW_HOSTS = " a.internal, ,10.0.0.0/8 ";
    expect(setting("BANDWATCH_ALERT_ALLOW_HOSTS")).toEqual(["a.internal", "10.0.0.0/8"]);
    process.env.BANDWATCH_SECRET_KEY = "  passphrase  ";
    expect(setting("BANDWATCH_SECRET_KEY")).toBe("passphrase");
  });
});

describe("start-up validation", () => {
  it("a valid environment passes", () => {
    expect(configError({ BANDWATCH_COLLECT_IP_LIMIT: "300", BANDWATCH_TRUST_PROXY: "1", NEXTAUTH_URL: "http://127.0.0.1:3000", DATABASE_URL: "postgresql://u@h/db" })).toBeNull();
  });

  it("names every invalid variable with what it expects", () => {
    const problems = configProblems({ BANDWATCH_MAX_UPLOAD_MB: "big", BANDWATCH_MIN_DATA_DAY: "2020-02-30", NEXTAUTH_URL: "localhost:3000", PORT: "70000" });
    expect(problems).toEqual([
      'PORT="70000": expected a TCP port',
      'NEXTAUTH_URL="localhost:3000": expected an http(s) URL',
      'BANDWATCH_MAX_UPLOAD_MB="big": expected a number > 0',
      'BANDWATCH_MIN_DATA_DAY="2020-02-30": expected a day YYYY-MM-DD',
    ]);
    expect(configError({ BANDWATCH_SENSITIVITY: "high" })).toContain('BANDWATCH_SENSITIVITY="high": expected a number');
  });
});
