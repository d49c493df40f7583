import { execSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "../paths.js";

/**
 * Compiler options under which a consumer sees @bcts/odata as an installed package does: its built
 * `dist/*.d.ts` (skipped by `skipLibCheck`, like the peers' runtimes), while the generated entity
 * modules stay `.ts` sources, as in a project that generates its own client. Builds @bcts/odata's
 * dist/ first (what `pnpm build` does before publishing).
 *
 * @example
 * typecheckJob(dir, ["main.ts"], installedRuntimeOptions(), "tsconfig.installed.json")
 * // paths: { "@bcts/odata": [".../packages/odata/dist/index.d.ts"], "@bcts/client/api-v2.0/*": [".../src/generated/api-v2.0/*.ts"] }
 */
export function installedRuntimeOptions(): Record<string, unknown> {
  const odata = join(repoRoot, "packages", "odata");
  execSync("node ../../node_modules/typescript/bin/tsc -p tsconfig.build.json", { cwd: odata, stdio: "pipe" });
  return {
    paths: {
      "@bcts/odata": [join(odata, "dist", "index.d.ts")],
      "@bcts/client/api-v2.0/*": [join(repoRoot, "packages", "client", "src", "generated", "api-v2.0", "*.ts")],
    },
  };
}

/**
 * Compiler options under which the five-query consumer sees @bcts/client and @bcts/odata as installed
 * from the registry: both as their built `dist/*.d.ts` (issue 20's whole-client type-check). Builds
 * both packages' dist/ first (what `pnpm build` does before publishing).
 *
 * @example
 * typecheckJob(join(benchRoot, "consumers", "bcts"), ["main.ts", "queries.ts"], installedClientOptions(), "tsconfig.installed.json")
 */
export function installedClientOptions(): Record<string, unknown> {
  const odata = join(repoRoot, "packages", "odata");
  const client = join(repoRoot, "packages", "client");
  for (const dir of [odata, join(repoRoot, "packages", "auth"), client]) execSync("node ../../node_modules/typescript/bin/tsc -p tsconfig.build.json", { cwd: dir, stdio: "pipe" });
  return {
    paths: {
      "@bcts/odata": [join(odata, "dist", "index.d.ts")],
      "@bcts/client": [join(client, "dist", "index.d.ts")],
    },
  };
}
