import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface ConsumerProjectOptions {
  /** The local registry, e.g. http://127.0.0.1:41234/ */
  readonly registryUrl: string;
  readonly authToken: string;
  /** name → exact version, installed from the local registry */
  readonly packages: Readonly<Record<string, string>>;
  /** name → version, from the normal registry (typescript, @types/node) */
  readonly devDependencies: Readonly<Record<string, string>>;
}

/** The program the consumer project runs: apps/release/consumer/main.ts. */
export const consumerProgram = join(dirname(fileURLToPath(import.meta.url)), "..", "consumer", "main.ts");

/**
 * Writes a fresh npm project into `dir`: package.json (ESM), an .npmrc that takes `@bcts/*` — and
 * only `@bcts/*` — from the local registry, a strict NodeNext tsconfig, and src/main.ts.
 */
export async function writeConsumerProject(dir: string, options: ConsumerProjectOptions): Promise<void> {
  const registry = new URL(options.registryUrl);
  const manifest = {
    name: "bcts-release-consumer",
    version: "0.0.0",
    private: true,
    type: "module",
    dependencies: options.packages,
    devDependencies: options.devDependencies,
  };
  const tsconfig = {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: false,
      types: ["node"],
      outDir: "dist",
      rootDir: "src",
    },
    include: ["src"],
  };
  await mkdir(join(dir, "src"), { recursive: true });
  await writeFile(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(
    join(dir, ".npmrc"),
    [`@bcts:registry=${registry.href}`, `//${registry.host}${registry.pathname}:_authToken=${options.authToken}`, "audit=false", "fund=false", ""].join("\n"),
  );
  await writeFile(join(dir, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);
  await copyFile(consumerProgram, join(dir, "src", "main.ts"));
}
