import { defineConfig } from "vitest/config";
import path from "node:path";

// Two projects: `unit` runs pure code in-process; `api` talks HTTP to a running
// app (started by scripts/test.mjs, which exports BASE_URL and DATABASE_URL).
export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname) } },
  test: {
    projects: [
      {
        extends: true,
        // Generous per-test limit: CI machines are shared; speed is measured by benchmarks, not here.
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", testTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: "api",
          include: ["tests/api/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
