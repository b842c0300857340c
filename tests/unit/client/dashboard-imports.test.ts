// Issue 12's first-load budget (≤ 150 KB gzip per dashboard page, BENCHMARKS.md) has little room:
// React and Next take 133 KB. The packages that pushed pages over it must not come back into the
// dashboard's client code through a static import: next-auth/react (the organization switcher once
// re-added it to every page), recharts (charts load through dynamic imports in
// components/charts/) and React Query (~13 KB: the pages that use it render it in islands,
// lib/client/query-island.tsx, loaded by a dynamic import). React Query stays: the design requires
// one React Query hook per resource, so it must still be reached through those dynamic imports.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../../..");
const EXTENSIONS = [".ts", ".tsx", "/index.ts", "/index.tsx"];

/** Static value imports and re-exports of a module (type-only ones are erased by the compiler). */
function staticImports(source: string): string[] {
  const specifiers: string[] = [];
  const pattern = /^\s*(?:import|export)\s+(type\s+)?([^'";]*?)\s*from\s+["']([^"']+)["']|^\s*import\s+["']([^"']+)["']/gm;
  for (const match of source.matchAll(pattern)) {
    if (match[4]) specifiers.push(match[4]);
    else if (!match[1] && !onlyTypes(match[2])) specifiers.push(match[3]);
  }
  return specifiers;
}

/** `{ type A, type B }` imports nothing at run time. */
function onlyTypes(clause: string): boolean {
  const braces = /^\{([^}]*)\}$/.exec(clause.trim());
  if (!braces) return false;
  const names = braces[1].split(",").map((name) => name.trim()).filter(Boolean);
  return names.length > 0 && names.every((name) => name.startsWith("type "));
}

/** Dynamic imports with a literal specifier: `import("./x")`. */
function dynamicImports(source: string): string[] {
  return [...source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
}

function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? path.join(ROOT, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(from), specifier) : null;
  if (!base) return null;
  for (const candidate of [base, ...EXTENSIONS.map((ext) => base + ext)]) if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  throw new Error(`cannot resolve ${specifier} from ${from}`);
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

/**
 * The packages the browser gets from the dashboard: everything statically imported below a "use
 * client" module (the first-load scripts), or with `lazy` also what dynamic imports reach.
 */
function dashboardClientPackages({ lazy = false } = {}): Map<string, string> {
  const packages = new Map<string, string>(); // package → a client module importing it
  const seen = new Set<string>();
  const visit = (file: string, client: boolean) => {
    const key = `${client}:${file}`;
    if (seen.has(key)) return;
    seen.add(key);
    const source = fs.readFileSync(file, "utf8");
    const isClient = client || /^\s*["']use client["']/.test(source);
    for (const specifier of [...staticImports(source), ...(lazy ? dynamicImports(source) : [])]) {
      const local = resolveLocal(file, specifier);
      if (local) visit(local, isClient);
      else if (isClient && !packages.has(specifier)) packages.set(specifier, path.relative(ROOT, file));
    }
  };
  for (const file of listFiles(path.join(ROOT, "app/(dashboard)")).filter((f) => /\.tsx?$/.test(f))) visit(file, false);
  return packages;
}

describe("dashboard client imports", () => {
  it("reads static, type-only and side-effect imports apart", () => {
    const source = ['import { a, type B } from "x";', 'import type { C } from "y";', 'import { type D } from "z";', 'export { e } from "w";', 'import "v";', 'const f = import("u");'].join("\n");
    expect(staticImports(source)).toEqual(["x", "w", "v"]);
    expect(dynamicImports(source)).toEqual(["u"]);
  });

  it("keeps next-auth/react, recharts and React Query out of every dashboard page's static client imports", () => {
    const packages = dashboardClientPackages();
    expect(packages.has("react")).toBe(true); // the walk does reach the client components
    const offenders = ["next-auth/react", "next-auth", "recharts", "@tanstack/react-query"].filter((name) => packages.has(name)).map((name) => `${name} (from ${packages.get(name)})`);
    expect(offenders).toEqual([]);
  });

  it("keeps React Query as the dashboard's data layer (the design card requires its hooks), reached through the islands", () => {
    expect(dashboardClientPackages({ lazy: true }).get("@tanstack/react-query")).toBeDefined();
  });
});
