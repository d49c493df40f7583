import { defineConfig } from "@bcts/codegen";

// The clients in packages/client, each generated from its pinned snapshot.
// `node scripts/pnpm.mjs generate` refreshes the api-v2.0 snapshot from a live tenant or the emulator
// (apps/sample/src/generate.ts); `generate:check` (run by `npm test`) fails when the committed
// output is stale.
export default defineConfig({
  routes: [
    {
      name: "api-v2.0",
      kind: "api",
      path: "api/v2.0",
      source: { kind: "file", path: "packages/client/metadata/api-v2.0.xml" },
      outDir: "packages/client/src/generated/api-v2.0",
    },
    {
      // The automation API (companies, users, permission sets, extensions, configuration packages).
      // The snapshot is a copy of the emulator's assembled document (packages/emulator/README.md,
      // "Metadata"): no real automation $metadata was available; regenerate from a tenant when one is.
      name: "automation-v2.0",
      kind: "api",
      path: "api/microsoft/automation/v2.0",
      source: { kind: "file", path: "packages/client/metadata/automation-v2.0.xml" },
      outDir: "packages/client/src/generated/automation-v2.0",
    },
  ],
});
