import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { RouteConfig } from "../config/config-types.js";
import { ConfigError } from "../config/config-error.js";
import { loadConfig } from "../config/load-config.js";
import { generate } from "../generate.js";
import { runDiff } from "./run-diff.js";

export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export const USAGE = `Usage:
  bcts generate [--config bcts.config.ts] [--route <name>]... [--check] [--offline]
  bcts generate --input <metadata.xml> --out <dir> [--kind api|odatav4] [--path api/v2.0] [--name api-v2.0]
                [--entity-sets a,b] [--decimal number|string] [--int64 number|string] [--dates string|Date] [--no-openapi] [--check]
  bcts generate --url <serviceRoot> --out <dir> ...   (token from the BC_ACCESS_TOKEN environment variable)
  bcts diff <old.xml> <new.xml> [--kind api|odatav4]

  --check    exit 1 when the committed output differs from what would be generated (CI)
  --offline  read each route's pinned snapshot (metadata/<route>.xml) instead of its URL`;

/** The `bcts` command line; returns the exit code (0 ok, 1 stale or breaking, 2 usage or input error). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "generate":
        return await runGenerate(rest, io);
      case "diff":
        return await runDiff(rest, io);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.err(`Unknown command "${command}".\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    io.err(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    return 2;
  }
}

async function runGenerate(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    options: {
      config: { type: "string" }, route: { type: "string", multiple: true }, check: { type: "boolean" }, offline: { type: "boolean" },
      input: { type: "string" }, url: { type: "string" }, out: { type: "string" }, kind: { type: "string" }, path: { type: "string" },
      name: { type: "string" }, "entity-sets": { type: "string" }, decimal: { type: "string" }, int64: { type: "string" }, dates: { type: "string" }, "no-openapi": { type: "boolean" },
    },
  });
  let routes: readonly RouteConfig[];
  let cwd = io.cwd;
  if (values.input !== undefined || values.url !== undefined) {
    routes = [flagRoute(values, io)];
  } else {
    const configPath = resolve(io.cwd, values.config ?? "bcts.config.ts");
    if (!existsSync(configPath)) throw new ConfigError("--config", "a bcts.config.ts file, or --input/--url with --out", `no file at ${configPath}`, "bcts generate --config bcts.config.ts");
    const config = (await loadConfig(configPath)) as { routes?: readonly RouteConfig[] };
    cwd = resolve(configPath, "..");
    routes = config.routes ?? [];
    if (values.route) {
      const wanted = new Set(values.route);
      routes = routes.filter((r) => wanted.has(r.name));
      if (routes.length === 0) throw new ConfigError("--route", "the name of a configured route", values.route.join(", "), "bcts generate --route api-v2.0");
    }
  }
  const results = await generate({ routes, cwd, check: values.check ?? false, offline: values.offline ?? false });
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
  }
  return stale ? 1 : 0;
}

function flagRoute(values: Record<string, string | boolean | string[] | undefined>, io: CliIo): RouteConfig {
  const str = (key: string): string | undefined => (typeof values[key] === "string" ? (values[key] as string) : undefined);
  const kind = str("kind") ?? "api";
  const path = str("path") ?? (kind === "odatav4" ? "ODataV4" : "api/v2.0");
  const name = str("name") ?? path.replace(/^api\//, "api-").replace(/\//g, "-");
  const url = str("url");
  const token = io.env["BC_ACCESS_TOKEN"];
  if (url !== undefined && !token) throw new ConfigError("BC_ACCESS_TOKEN", "an access token in the environment when --url is used", "nothing", "BC_ACCESS_TOKEN=$(az account get-access-token --resource https://api.businesscentral.dynamics.com --query accessToken -o tsv) bcts generate --url … --out …");
  const entitySets = str("entity-sets")?.split(",").map((s) => s.trim()).filter((s) => s !== "");
  return {
    name,
    kind: kind as RouteConfig["kind"],
    path,
    source: url !== undefined
      ? { kind: "url", url, credential: { getToken: async () => ({ token: token!, tokenType: "Bearer", expiresOnTimestamp: Date.now() + 3_600_000 }) } }
      : { kind: "file", path: str("input")! },
    outDir: str("out") ?? `src/generated/${name}`,
    ...(entitySets ? { entitySets } : {}),
    ...(str("decimal") ? { decimal: str("decimal") as "number" } : {}),
    ...(str("int64") ? { int64: str("int64") as "number" } : {}),
    ...(str("dates") ? { dates: str("dates") as "string" } : {}),
    ...(values["no-openapi"] ? { openapi: false } : {}),
  };
}
