import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "../config/config-error.js";
import type { CliIo } from "./run-cli.js";
import { initConfigText } from "./init-config-text.js";

/** `bcts init [--kind api|odatav4] [--path …] [--name …] [--config bcts.config.ts] [--force]`: writes a commented config. */
export async function runInit(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    options: { kind: { type: "string" }, path: { type: "string" }, name: { type: "string" }, config: { type: "string" }, force: { type: "boolean" } },
  });
  const kind = values.kind ?? "api";
  if (kind !== "api" && kind !== "odatav4") throw new ConfigError("--kind", `"api" or "odatav4"`, JSON.stringify(kind), "bcts init --kind odatav4");
  const path = (values.path ?? (kind === "odatav4" ? "ODataV4" : "api/v2.0")).replace(/^\/+|\/+$/g, "");
  if (kind === "api" && !/^api\/([^/]+\/[^/]+\/)?v\d+\.\d+$/.test(path)) {
    throw new ConfigError("--path", "api/v2.0 or api/{publisher}/{group}/{version}", JSON.stringify(path), "bcts init --kind api --path api/contoso/app1/v1.0");
  }
  const name = values.name ?? defaultName(path);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new ConfigError("--name", "a folder-safe name", JSON.stringify(name), "--name contoso-app1-v1.0");
  const target = resolve(io.cwd, values.config ?? "bcts.config.ts");
  if (existsSync(target) && !values.force) throw new ConfigError("--config", "a path where no file exists yet (or --force)", target, "bcts init --force");
  const commandLine = ["bcts init", ...args].join(" ");
  await writeFile(target, initConfigText({ kind, path, name, commandLine }), "utf8");
  io.out(`wrote ${target} (route ${name}: ${kind} ${path})
next: set AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET and BC_ENVIRONMENT, then \`npx bcts doctor\` and \`npx bcts generate\``);
  return 0;
}

/** api/v2.0 → api-v2.0; api/contoso/app1/v1.0 → contoso-app1-v1.0; ODataV4 → odatav4. */
function defaultName(path: string): string {
  if (path.toLowerCase() === "odatav4") return "odatav4";
  const parts = path.split("/");
  return parts.length === 4 ? parts.slice(1).join("-") : parts.join("-");
}
