import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateFiles, resolveConfig } from "@bcts/codegen";

export interface GeneratedClient {
  /** The generated `index.ts`, ready for `import()`. */
  readonly indexFile: string;
  readonly files: ReadonlyMap<string, string>;
  readonly notes: readonly string[];
  remove(): Promise<void>;
}

/**
 * Generates a client from a live `$metadata` with @bcts/codegen (no dialect configured: inferred) into a
 * fresh folder under `apps/conformance/.tmp`, where `@bcts/odata` resolves like in any workspace package.
 *
 * @example
 * const generated = await generateClient("http://127.0.0.1:41234/conformance");
 * const { conformance } = await import(generated.indexFile);
 */
export async function generateClient(serviceRoot: string, options: { readonly dialect?: "business-central" | "odata" } = {}): Promise<GeneratedClient> {
  const response = await fetch(`${serviceRoot}/$metadata`);
  if (!response.ok) throw new Error(`GET ${serviceRoot}/$metadata answered ${response.status}: ${await response.text()}`);
  const xml = await response.text();
  const outDir = fileURLToPath(new URL(`../.tmp/generated-${process.pid}-${Date.now()}`, import.meta.url));
  const [route] = resolveConfig({ routes: [{ name: "conformance", kind: "api", path: "conformance", source: { kind: "file", path: "unused.xml" }, outDir, openapi: false, ...options }] }, outDir);
  const { files, notes } = generateFiles(xml, "conformance $metadata", route!);
  await mkdir(outDir, { recursive: true });
  for (const [name, text] of files) await writeFile(join(outDir, name), text);
  return { indexFile: join(outDir, "index.ts"), files, notes, remove: () => rm(outDir, { recursive: true, force: true }) };
}
