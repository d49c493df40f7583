import { defineConfig } from "vitest/config";

// One run over every workspace package: one summary line for CI.
// Workspace packages resolve to their TypeScript sources through the "@bcts/source" export condition.
export default defineConfig({
  resolve: { conditions: ["@bcts/source"] },
  ssr: { resolve: { conditions: ["@bcts/source"], externalConditions: ["@bcts/source"] } },
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "apps/*/test/**/*.test.ts"],
    typecheck: { enabled: true, include: ["packages/*/src/**/*.test-d.ts", "packages/*/test/**/*.test-d.ts"], tsconfig: "./tsconfig.typetests.json" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: ["default", "./scripts/summary-reporter.ts"],
  },
});
