import { defineConfig } from "@bcts/codegen";

// The standard API client in packages/client, generated from its pinned snapshot.
// `node scripts/pnpm.mjs generate` refreshes the snapshot from a live tenant or the emulator
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
  ],
});
