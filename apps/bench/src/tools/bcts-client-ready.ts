import { existsSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../paths.js";

/**
 * The bcts consumer uses the committed generated client (packages/client/src/generated/api-v2.0,
 * produced by the integrator) through @bcts/client. Returns why it cannot be measured, or null.
 */
export async function bctsClientReady(): Promise<string | null> {
  const index = join(repoRoot, "packages", "client", "src", "generated", "api-v2.0", "index.ts");
  if (!existsSync(index)) return "packages/client/src/generated/api-v2.0 has not been generated yet";
  try {
    const odata = (await import("@bcts/odata")) as Record<string, unknown>;
    if (typeof odata["createODataClient"] !== "function") return "@bcts/odata does not export createODataClient yet";
    const clientModule = "@bcts/client"; // not a literal: the bench type-checks before the client is generated
    const client = (await import(clientModule)) as Record<string, unknown>;
    if (typeof client["createBusinessCentralClient"] !== "function") return "@bcts/client does not export createBusinessCentralClient yet";
  } catch (error) {
    return `@bcts/client could not be loaded: ${(error as Error).message.split("\n")[0]}`;
  }
  return null;
}
