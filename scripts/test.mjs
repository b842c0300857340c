// `npm test`: the whole suite on real parts.
//  1. unit tests (vitest, pure code);
//  2. the app is built once; then for SQLite and for PostgreSQL (when a server is
//     reachable: TEST_DATABASE_URL or 127.0.0.1:5432) a fresh database is created,
//     migrated and seeded, `next start` serves it, and the API tests (vitest, real
//     HTTP) and browser tests (Playwright + Chromium, SQLite run) run against it;
//  3. prints one line `N passed, N failed`.
// Options: --only unit|static|api|e2e, --db sqlite|postgres, --skip-build,
//          --files a,b (vitest file filters, e.g. --files tests/api/fuzz.test.ts).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const only = opt("only");
const onlyDb = opt("db");
const fileFilters = (opt("files") ?? "").split(",").filter(Boolean);
const bin = (name) => path.join(root, "node_modules/.bin", name);
const baseEnv = { ...process.env, CHECKPOINT_DISABLE: "1", NEXT_TELEMETRY_DISABLED: "1", BANDWATCH_DETECT_INTERVAL_MINUTES: "0" };
const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];
const tmp = mkdtempSync(path.join(os.tmpdir(), "bandwatch-test-"));

function countVitest(file, label) {
  if (!existsSync(file)) {
    problems.push(`${label}: no report (the runner crashed)`);
    totals.failed += 1;
    return;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  if (report.numFailedTests > 0 || report.success === false) problems.push(`${label}: ${report.numFailedTests} failed`);
  // A file that fails to load has no failed tests but is a failure.
  for (const suite of report.testResults ?? []) if (suite.status === "failed" && suite.assertionResults.length === 0) {
    totals.failed += 1;
    problems.push(`${label}: ${path.relative(root, suite.name)} failed to run: ${(suite.message || "").split("\n")[0]}`);
  }
}

function countPlaywright(file, label) {
  if (!existsSync(file)) {
    problems.push(`${label}: no report (the runner crashed)`);
    totals.failed += 1;
    return;
  }
  const { stats } = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += stats.expected + (stats.flaky ?? 0);
  totals.failed += stats.unexpected;
  totals.skipped += stats.skipped;
  if (stats.unexpected > 0) problems.push(`${label}: ${stats.unexpected} failed`);
}

function run(cmd, args, env, label) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(cmd, args, { stdio: "inherit", env });
  return result.status ?? 1;
}

function freePort() {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function postgresAdminUrl() {
  const url = process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return url;
  } catch {
    return null;
  }
}

async function withPostgresDatabase(adminUrl, fn) {
  const name = `bandwatch_test_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch((e) => console.error(`could not drop ${name}: ${e.message}`));
    await admin.end();
  }
}

async function waitForServer(baseUrl, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error("app did not become ready in time");
}

async function suiteAgainstDatabase(kind, databaseUrl) {
  // Alert tests run a receiver on loopback, which alerts may reach only when allowed explicitly.
  const env = { ...baseEnv, DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: "test-secret-not-for-production", BANDWATCH_DEMO_PASSWORD: "demo-password-123", BANDWATCH_ALERT_ALLOW_HOSTS: "127.0.0.1",
    // Tests stand in for many clients with X-Forwarded-For, as a trusted proxy would send it.
    BANDWATCH_TRUST_PROXY: "1", BANDWATCH_SIGNIN_IP_LIMIT: "100", BANDWATCH_SIGNIN_ACCOUNT_LIMIT: "5",
    BANDWATCH_COLLECT_IP_LIMIT: "300", BANDWATCH_COLLECT_SITE_LIMIT: "3000", BANDWATCH_COLLECT_MAX_PENDING: "600" };
  if (run(process.execPath, ["bin/bandwatch.mjs", "db", "migrate"], env, `[${kind}] migrate`) !== 0) {
    problems.push(`${kind}: migration failed`);
    totals.failed += 1;
    return;
  }
  if (run(process.execPath, ["bin/bandwatch.mjs", "seed", "--demo", "--json"], { ...env }, `[${kind}] seed demo`) !== 0) {
    problems.push(`${kind}: demo seed failed`);
    totals.failed += 1;
    return;
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const serverEnv = { ...env, PORT: String(port), NEXTAUTH_URL: baseUrl, AUTH_TRUST_HOST: "true" };
  const server = spawn(bin("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], { env: serverEnv, stdio: ["ignore", "pipe", "pipe"] });
  let serverLog = "";
  server.stdout.on("data", (d) => (serverLog += d));
  server.stderr.on("data", (d) => (serverLog += d));
  try {
    await waitForServer(baseUrl, server);
    const testEnv = { ...serverEnv, BASE_URL: baseUrl, APP_URL: baseUrl, TEST_DB_KIND: kind };
    if (!only || only === "api") {
      const report = path.join(tmp, `api-${kind}.json`);
      run(bin("vitest"), ["run", "--project", "api", ...fileFilters, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], testEnv, `[${kind}] API tests over HTTP`);
      countVitest(report, `api/${kind}`);
    }
    if ((!only || only === "e2e") && kind === "sqlite" && existsSync(path.join(root, "playwright.config.ts"))) {
      if (!ensureChromium()) {
        problems.push("e2e: Chromium is not installed (apt-get install -y chromium)");
        totals.failed += 1;
        return;
      }
      const report = path.join(tmp, `e2e-${kind}.json`);
      run(bin("playwright"), ["test"], { ...testEnv, PLAYWRIGHT_JSON_OUTPUT_NAME: report }, `[${kind}] browser tests (Playwright, Chromium)`);
      countPlaywright(report, `e2e/${kind}`);
    }
  } catch (error) {
    problems.push(`${kind}: ${error.message}`);
    totals.failed += 1;
    console.error(serverLog.slice(-4000));
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => (server.exitCode !== null ? r() : server.once("exit", r)));
  }
  if (/unhandled error|Error:/.test(serverLog) && process.env.CI) console.log(`\n[${kind}] server log (tail):\n${serverLog.slice(-3000)}`);
}

/** Playwright drives Debian's Chromium (browsers cannot be downloaded here); install it when we can. */
function ensureChromium() {
  if (existsSync(process.env.CHROMIUM_PATH || "/usr/bin/chromium")) return true;
  if (process.getuid?.() !== 0) return false;
  console.log("\n▶ installing Chromium (apt-get install chromium)");
  spawnSync("apt-get", ["update", "-qq"], { stdio: "ignore" });
  return spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "ignore", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status === 0;
}

async function main() {
  if (!only || only === "unit") {
    const report = path.join(tmp, "unit.json");
    run(bin("vitest"), ["run", "--project", "unit", ...fileFilters, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], baseEnv, "unit tests");
    countVitest(report, "unit");
  }
  if (!only || only === "static") {
    // Static checks count as one test each: the type checker and the linter over the whole tree.
    for (const [label, cmd, args] of [
      ["type check (tsc --noEmit)", bin("tsc"), ["--noEmit", "-p", "."]],
      ["lint (eslint)", bin("eslint"), [".", "--max-warnings", "0"]],
    ]) {
      if (run(cmd, args, baseEnv, label) === 0) totals.passed += 1;
      else {
        totals.failed += 1;
        problems.push(`${label} failed`);
      }
    }
  }
  if (only !== "unit" && only !== "static") {
    if (!argv.includes("--skip-build")) {
      if (run(bin("next"), ["build"], baseEnv, "next build") !== 0) {
        problems.push("next build failed");
        totals.failed += 1;
        return;
      }
    }
    if (!onlyDb || onlyDb === "sqlite") await suiteAgainstDatabase("sqlite", `file:${path.join(tmp, "test.db")}`);
    if (!onlyDb || onlyDb === "postgres") {
      const adminUrl = await postgresAdminUrl();
      if (adminUrl) await withPostgresDatabase(adminUrl, (url) => suiteAgainstDatabase("postgres", url));
      else if (process.env.CI || onlyDb === "postgres") {
        problems.push("postgres: no PostgreSQL server reachable (set TEST_DATABASE_URL)");
        totals.failed += 1;
      } else console.log("\n(PostgreSQL not reachable: PostgreSQL suite skipped; set TEST_DATABASE_URL)");
    }
  }
}

try {
  await main();
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
if (problems.length) console.log(`\nProblems:\n- ${problems.join("\n- ")}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
