import { fileURLToPath } from "node:url";
import { generate } from "@bcts/codegen";
import type { Target } from "./target.js";

const clientPackage = fileURLToPath(new URL("../../../packages/client/", import.meta.url));

/** Where the standard API client lives in this repository. */
export const clientPaths = {
  outDir: `${clientPackage}src/generated/api-v2.0`,
  snapshotPath: `${clientPackage}metadata/api-v2.0.xml`,
} as const;

/**
 * The code path shared by `pnpm generate` and the demo: GET {serviceRoot}/$metadata with the
 * target's token, pin the snapshot, and regenerate packages/client/src/generated/api-v2.0.
 */
export async function generateClient(
  target: Target,
  paths: { readonly outDir: string; readonly snapshotPath: string } = clientPaths,
): Promise<{ readonly files: number; readonly notes: readonly string[] }> {
  const [route] = await generate({
    routes: [
      {
        name: "api-v2.0",
        kind: "api",
        path: "api/v2.0",
        source: { kind: "url", url: target.serviceRootUrl, credential: target.credential },
        outDir: paths.outDir,
        snapshotPath: paths.snapshotPath,
      },
    ],
  });
  return { files: route!.fileCount, notes: route!.notes };
}
