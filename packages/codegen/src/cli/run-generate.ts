import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { RouteConfig } from "../config/config-types.js";
import { ConfigError } from "../config/config-error.js";
import { loadConfig } from "../config/load-config.js";
import { resolveConfig } from "../config/resolve-config.js";
import { generate } from "../generate.js";
import type { GenerationTimings } from "../generation-timings.js";
import type { CliIo } from "./run-cli.js";
import { watchFiles } from "./watch-files.js";

const OPTIONS = {
  config: { type: "string" }, route: { type: "string", multiple: true }, check: { type: "boolean" }, offline: { type: "boolean" }, watch: { type: "boolean" }, timings: { type: "boolean" },
  input: { type: "string" }, url: { type: "string" }, out: { type: "string" }, kind: { type: "string" }, path: { type: "string" },
  name: { type: "string" }, "entity-sets": { type: "string" }, decimal: { type: "string" }, int64: { type: "string" }, dates: { type: "string" }, "no-openapi": { type: "boolean" },
} as const;
type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>["values"];

/** `bcts generate …`: one run, or with `--watch` one run and then one per change until `io.abortSignal` aborts. */
export async function runGenerate(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: [...args], strict: true, options: OPTIONS });
  if (values.watch && values.check) throw new ConfigError("--watch", "--watch without --check (it writes on every change)", "--check", "bcts generate --watch");
  const first = await runOnce(values, io, values.offline ?? false);
  if (!values.watch) return first.code;
  const signal = io.abortSignal ?? new AbortController().signal;
  let watched = first.watched;
  io.out(`watching ${watched.length} files (Ctrl-C to stop):\n  ${watched.join("\n  ")}`);
  await watchFiles({
    files: () => watched,
    abortSignal: signal,
    onChange: async (changed) => {
      io.out(`changed: ${changed.join(", ")}`);
      try {
        // Later runs read the pinned snapshots: a live fetch would re-pin them and trigger itself.
        watched = (await runOnce(values, io, true)).watched;
      } catch (error) {
        io.err(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      }
    },
  });
  return first.code;
}

interface RunResult {
  readonly code: number;
  /** The config file, input files and pinned snapshots this run read. */
  readonly watched: readonly string[];
}

async function runOnce(values: Values, io: CliIo, offline: boolean): Promise<RunResult> {
  let routes: readonly RouteConfig[];
  let cwd = io.cwd;
  const watched: string[] = [];
  if (values.input !== undefined || values.url !== undefined) {
    routes = [flagRoute(values, io)];
  } else {
    const configPath = resolve(io.cwd, values.config ?? "bcts.config.ts");
    if (!existsSync(configPath)) throw new ConfigError("--config", "a bcts.config.ts file (`bcts init` writes one), or --input/--url with --out", `no file at ${configPath}`, "bcts generate --config bcts.config.ts");
    watched.push(configPath);
    const config = (await loadConfig(configPath)) as { routes?: readonly RouteConfig[] };
    cwd = resolve(configPath, "..");
    routes = config.routes ?? [];
    if (values.route) {
      const wanted = new Set(values.route);
      routes = routes.filter((r) => wanted.has(r.name));
      if (routes.length === 0) throw new ConfigError("--route", "the name of a configured route", values.route.join(", "), "bcts generate --route api-v2.0");
    }
  }
  for (const route of resolveConfig({ routes }, cwd)) watched.push(route.source.kind === "file" ? route.source.path : route.snapshotPath);
  const results = await generate({ routes, cwd, check: values.check ?? false, offline, ...(io.abortSignal ? { abortSignal: io.abortSignal } : {}) });
  let stale = false;
  for (const r of results) {
    for (const note of r.notes) io.out(`  note: ${note}`);
    if (values.check) {
      if (r.stale.length > 0) {
        stale = true;
        io.err(`${r.name}: ${r.outDir} is stale (${r.stale.length} files):\n  ${r.stale.slice(0, 20).join("\n  ")}\n  Run \`bcts generate\` and commit the result.`);
      } else io.out(`${r.name}: up to date (${r.fileCount} files)`);
    } else {
      io.out(`${r.name}: wrote ${r.fileCount} files to ${r.outDir}${r.snapshot ? ` (snapshot ${r.snapshot})` : ""}`);
    }
    if (values.timings) io.out(`  timings: ${formatTimings(r.timings)}`);
  }
  return { code: stale ? 1 : 0, watched: [...new Set(watched)] };
}

/** `ts-morph load 118 ms (code cache warm), read 1 ms, parse 40 ms, …` */
export function formatTimings(t: GenerationTimings): string {
  const ms = (value: number): string => `${value.toFixed(0)} ms`;
  const parts = [
    ...(t.codeCache === undefined ? [] : [`ts-morph load ${ms(t.tsMorphLoadMs)} (code cache ${t.codeCache}${t.printThread === "worker" ? ", on the print worker, overlapping read to emit" : ""})`]),
    `read ${ms(t.readMs)}`, `parse ${ms(t.parseMs)}`, `model ${ms(t.modelMs)}`, `emit ${ms(t.emitMs)}`, `print ${ms(t.printMs)}${t.printThread === "worker" ? " (waited for the worker)" : ""}`, `write ${ms(t.writeMs)}`,
    ...(t.codeCacheSaveMs > 0.5 ? [`code cache save ${ms(t.codeCacheSaveMs)}`] : []),
  ];
  return parts.join(", ");
}

function flagRoute(values: Values, io: CliIo): RouteConfig {
  const kind = values.kind ?? "api";
  const path = values.path ?? (kind === "odatav4" ? "ODataV4" : "api/v2.0");
  const name = values.name ?? path.replace(/^api\//, "api-").replace(/\//g, "-");
  const url = values.url;
  const token = io.env["BC_ACCESS_TOKEN"];
  if (url !== undefined && !token) throw new ConfigError("BC_ACCESS_TOKEN", "an access token in the environment when --url is used", "nothing", "BC_ACCESS_TOKEN=$(az account get-access-token --resource https://api.businesscentral.dynamics.com --query accessToken -o tsv) bcts generate --url … --out …");
  const entitySets = values["entity-sets"]?.split(",").map((s) => s.trim()).filter((s) => s !== "");
  return {
    name,
    kind: kind as RouteConfig["kind"],
    path,
    source: url !== undefined
      ? { kind: "url", url, credential: { getToken: async () => ({ token: token!, tokenType: "Bearer", expiresOnTimestamp: Date.now() + 3_600_000 }) } }
      : { kind: "file", path: values.input! },
    outDir: values.out ?? `src/generated/${name}`,
    ...(entitySets ? { entitySets } : {}),
    ...(values.decimal ? { decimal: values.decimal as "number" } : {}),
    ...(values.int64 ? { int64: values.int64 as "number" } : {}),
    ...(values.dates ? { dates: values.dates as "string" } : {}),
    ...(values["no-openapi"] ? { openapi: false } : {}),
  };
}
