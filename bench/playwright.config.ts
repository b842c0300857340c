// Playwright for the browser benchmark (bench/perf.spec.ts), apart from the e2e suite so
// `npm test` never runs it: the same browser and settings, this folder's specs only.
import { defineConfig } from "@playwright/test";
import e2e from "../playwright.config";

export default defineConfig({
  ...e2e,
  testDir: ".",
  testMatch: "*.spec.ts",
  outputDir: "../e2e/artifacts/bench-results",
  reporter: [["list"]],
});
