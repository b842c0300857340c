// `npm test`: the whole suite on real parts.
//  1. unit tests (vitest, pure code);
//  2. the app is built once; then for SQLite and for PostgreSQL (when a server is
//     reachable: TEST_DATABASE_URL or 127.0.0.1:5432) a fresh database is migrated and
//     seeded once as a snapshot; the API tests (vitest, real HTTP) and the browser tests
//     (Playwright + Chromium, SQLite run) each get their own copy of it and their own
//     `next start`, so neither suite sees what the other left;
//  3. prints one line `N passed, N failed`.
// Every spawned step has a time limit (minutes, see TIMEOUT_MIN; override one with
// TEST_TIMEOUT_<STEP>_MIN, e.g. TEST_TIMEOUT_API_MIN=30); a step over its limit is killed
// with everything it started and counts as a failure.
// Options: --only unit|static|api|e2e, --db sqlite|postgres, --skip-build,
//          --files a,b (vitest file filters, e.g. --files tests/api/fuzz.test.ts).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { cloneDatabase, createDatabase, killGroup, postgresAdminUrl, root, startApp } from "./app-server.mjs";

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

// Generous limits: several times what each step takes on CI, so only a hang reaches them.
const TIMEOUT_MIN = { unit: 10, static: 10, build: 15, migrate: 5, seed: 10, app: 2, api: 20, e2e: 15, chromium: 10 };
const timeoutMs = (step) => {
  const override = Number(process.env[`TEST_TIMEOUT_${step.toUpperCase()}_MIN`]);
  return (override > 0 ? override : TIMEOUT_MIN[step]) * 60_000;
};

function fail(message) {
  problems.push(message);
  totals.failed += 1;
}

function countVitest(file, label) {
  if (!existsSync(file)) return fail(`${label}: no report (the runner crashed)`);
  const report = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  if (report.numFailedTests > 0 || report.success === false) problems.push(`${label}: ${report.numFailedTests} failed`);
  // A file that fails to load has no failed tests but is a failure.
  for (const suite of report.testResults ?? []) if (suite.status === "failed" && suite.assertionResults.length === 0) {
    fail(`${label}: ${path.relative(root, suite.name)} failed to run: ${(suite.message || "").split("\n")[0]}`);
  }
}

function countPlaywright(file, label) {
  if (!existsSync(file)) return fail(`${label}: no report (the runner crashed)`);
  const { stats } = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += stats.expected + (stats.flaky ?? 0);
  totals.failed += stats.unexpected;
  totals.skipped += stats.skipped;
  if (stats.unexpected > 0) problems.push(`${label}: ${stats.unexpected} failed`);
}

/** Process groups of the steps and apps running now, ended if we are interrupted. */
const running = new Set();
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    for (const pid of running) killGroup(pid, "SIGKILL");
    rmSync(tmp, { recursive: true, force: true });
    process.exit(130);
  });
}

/**
 * Runs one step in its own process group with the step's time limit. Resolves to
 * { ok, timedOut }; a step over its limit is killed (group and all) and recorded as a failure.
 */
function run(cmd, args, env, label, step) {
  console.log(`\n▶ ${label}`);
  const limit = timeoutMs(step);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env, detached: true });
    running.add(child.pid);
    let timedOut = false;
    let forced;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n✖ ${label}: timed out after ${limit / 60_000} min, killing it (TEST_TIMEOUT_${step.toUpperCase()}_MIN to change)`);
      killGroup(child.pid, "SIGTERM");
      forced = setTimeout(() => killGroup(child.pid, "SIGKILL"), 10_000);
    }, limit);
    let settled = false;
    // A child that cannot start emits "error" and may still emit "exit": count it once.
    const done = (code) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(forced);
      running.delete(child.pid);
      if (timedOut) fail(`${label}: timed out after ${limit / 60_000} min`);
      resolve({ ok: !timedOut && code === 0, timedOut });
    };
    child.once("error", (error) => {
      console.error(`${label}: ${error.message}`);
      done(1);
    });
    child.once("exit", (code) => done(code));
  });
}

/** Runs a vitest project with a JSON report and adds its counts (a timed-out run counts once, as the timeout). */
async function vitestStep(project, env, label, step, reportLabel) {
  const report = path.join(tmp, `${reportLabel.replace("/", "-")}.json`);
  const { timedOut } = await run(bin("vitest"), ["run", "--project", project, ...fileFilters, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], env, label, step);
  if (!timedOut || existsSync(report)) countVitest(report, reportLabel);
}

function suiteEnv(databaseUrl) {
  // Alert tests run a receiver on loopback, which alerts may reach only when allowed explicitly.
  return { ...baseEnv, DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: "test-secret-not-for-production", BANDWATCH_DEMO_PASSWORD: "demo-password-123", BANDWATCH_ALERT_ALLOW_HOSTS: "127.0.0.1",
    // Tests stand in for many clients with X-Forwarded-For, as a trusted proxy would send it.
    BANDWATCH_TRUST_PROXY: "1", BANDWATCH_SIGNIN_IP_LIMIT: "100", BANDWATCH_SIGNIN_ACCOUNT_LIMIT: "5",
    BANDWATCH_COLLECT_IP_LIMIT: "300", BANDWATCH_COLLECT_SITE_LIMIT: "3000", BANDWATCH_COLLECT_MAX_PENDING: "600" };
}

/** A migrated database with the demo data, the snapshot every suite copies; null when a step failed. */
async function seededSnapshot(kind) {
  const snapshot = await createDatabase(kind, "bandwatch_test_snapshot");
  const env = suiteEnv(snapshot.url);
  const migrated = await run(process.execPath, ["bin/bandwatch.mjs", "db", "migrate"], env, `[${kind}] migrate`, "migrate");
  if (!migrated.ok && !migrated.timedOut) fail(`${kind}: migration failed`);
  const seeded = migrated.ok ? await run(process.execPath, ["bin/bandwatch.mjs", "seed", "--demo", "--json"], env, `[${kind}] seed demo`, "seed") : null;
  if (seeded && !seeded.ok && !seeded.timedOut) fail(`${kind}: demo seed failed`);
  if (seeded?.ok) return snapshot;
  await snapshot.cleanup();
  return null;
}

/** Copies the snapshot, serves the copy with `next start` and runs `suite` against it. */
async function onOwnCopy(snapshot, name, suite) {
  const copy = await cloneDatabase(snapshot, `bandwatch_test_${name}`);
  let app = null;
  try {
    const env = suiteEnv(copy.url);
    console.log(`\n▶ [${snapshot.kind}] next start on a copy of the seeded snapshot, for the ${name} suite`);
    app = await startApp(env, { readyTimeoutMs: timeoutMs("app") });
    running.add(app.pid);
    const testEnv = { ...env, PORT: String(app.port), NEXTAUTH_URL: app.base, AUTH_TRUST_HOST: "true", BASE_URL: app.base, APP_URL: app.base, TEST_DB_KIND: snapshot.kind };
    await suite(testEnv);
  } catch (error) {
    fail(`${snapshot.kind}/${name}: ${error.message}`);
  } finally {
    if (app) {
      await app.stop();
      running.delete(app.pid);
      if (/unhandled error|Error:/.test(app.log()) && process.env.CI) console.log(`\n[${snapshot.kind}/${name}] server log (tail):\n${app.log().slice(-3000)}`);
    }
    await copy.cleanup();
  }
}

async function browserSuite(testEnv) {
  if (!ensureChromium()) return fail("e2e: Chromium is not installed (apt-get install -y chromium)");
  const report = path.join(tmp, "e2e-sqlite.json");
  const { timedOut } = await run(bin("playwright"), ["test", ...fileFilters], { ...testEnv, PLAYWRIGHT_JSON_OUTPUT_NAME: report }, "[sqlite] browser tests (Playwright, Chromium)", "e2e");
  if (!timedOut || existsSync(report)) countPlaywright(report, "e2e/sqlite");
}

async function suiteAgainstDatabase(kind) {
  const apiTests = !only || only === "api";
  // The browser suite runs on SQLite only: the API suite already covers PostgreSQL.
  const browserTests = (!only || only === "e2e") && kind === "sqlite" && existsSync(path.join(root, "playwright.config.ts"));
  if (!apiTests && !browserTests) return;
  const snapshot = await seededSnapshot(kind);
  if (!snapshot) return;
  try {
    if (apiTests) await onOwnCopy(snapshot, "api", (env) => vitestStep("api", env, `[${kind}] API tests over HTTP`, "api", `api/${kind}`));
    if (browserTests) await onOwnCopy(snapshot, "e2e", browserSuite);
  } finally {
    await snapshot.cleanup();
  }
}

/** Playwright drives Debian's Chromium (browsers cannot be downloaded here); install it when we can. */
function ensureChromium() {
  if (existsSync(process.env.CHROMIUM_PATH || "/usr/bin/chromium")) return true;
  if (process.getuid?.() !== 0) return false;
  console.log("\n▶ installing Chromium (apt-get install chromium)");
  const limit = timeoutMs("chromium");
  spawnSync("apt-get", ["update", "-qq"], { stdio: "ignore", timeout: limit });
  return spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "ignore", timeout: limit, env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status === 0;
}

async function staticChecks() {
  // Static checks count as one test each: the type checker and the linter over the whole tree.
  for (const [label, cmd, args] of [
    ["type check (tsc --noEmit)", bin("tsc"), ["--noEmit", "-p", "."]],
    ["lint (eslint)", bin("eslint"), [".", "--max-warnings", "0"]],
  ]) {
    const { ok, timedOut } = await run(cmd, args, baseEnv, label, "static");
    if (ok) totals.passed += 1;
    else if (!timedOut) fail(`${label} failed`);
  }
}

async function appSuites() {
  if (!argv.includes("--skip-build")) {
    const build = await run(bin("next"), ["build"], baseEnv, "next build", "build");
    if (!build.ok) {
      if (!build.timedOut) fail("next build failed");
      return;
    }
  }
  if (!onlyDb || onlyDb === "sqlite") await suiteAgainstDatabase("sqlite");
  if (!onlyDb || onlyDb === "postgres") {
    if (await postgresAdminUrl()) await suiteAgainstDatabase("postgres");
    else if (process.env.CI || onlyDb === "postgres") fail("postgres: no PostgreSQL server reachable (set TEST_DATABASE_URL)");
    else console.log("\n(PostgreSQL not reachable: PostgreSQL suite skipped; set TEST_DATABASE_URL)");
  }
}

async function main() {
  if (!only || only === "unit") await vitestStep("unit", baseEnv, "unit tests", "unit", "unit");
  if (!only || only === "static") await staticChecks();
  if (only !== "unit" && only !== "static") await appSuites();
}

try {
  await main();
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
if (problems.length) console.log(`\nProblems:\n- ${problems.join("\n- ")}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
