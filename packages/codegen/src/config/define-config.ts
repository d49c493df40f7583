import type { BctsConfig } from "./config-types.js";

/**
 * Types a `bcts.config.ts` (identity at runtime; validation happens when the CLI loads it).
 *
 * @example
 * // bcts.config.ts
 * import { defineConfig } from "@bcts/codegen";
 * export default defineConfig({
 *   routes: [{ name: "api-v2.0", kind: "api", path: "api/v2.0",
 *              source: { kind: "file", path: "metadata/api-v2.0.xml" }, outDir: "src/generated/api-v2.0" }],
 * });
 */
export function defineConfig(config: BctsConfig): BctsConfig {
  return config;
}
