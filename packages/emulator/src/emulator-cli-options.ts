import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { BcRouteOptions } from "./bc/bc-server-options.js";
import type { RouteRows } from "./bc/seed/seed-route-rows.js";

export const EMULATOR_USAGE = `Usage: bcts-emulator [options]

  --port N                 Business Central port (default: a free one)
  --entra-port N           fake Entra ID port (default: a free one)
  --environment NAME       environment name (default production)
  --persist FILE.json      keep all data in this file across restarts
  --route PATH=FILE        also serve this $metadata document at PATH (repeatable), e.g.
                           --route api/contoso/app1/v1.0=metadata/app1.xml --route ODataV4=metadata/odatav4.xml
                           (a PATH of api/v2.0 or the automation route replaces the built-in document)
  --seed FILE.json         rows to insert: { "<route path>": { "<entity set>": [ { …properties } ] } }
  --rows N                 generated rows for every entity set of each --route route that --seed leaves
                           out (default 3; 0 leaves them empty). Values follow the types and are the same on every start.
  --help                   this text

API v2.0 and automation are always served, with the CRONUS USA demo company.`;

export interface EmulatorCliOptions {
  readonly port: number;
  readonly entraPort: number;
  readonly environment: string;
  readonly persist: string | undefined;
  readonly routes: readonly BcRouteOptions[];
  readonly seed: Readonly<Record<string, RouteRows>>;
  readonly rows: number;
  readonly help: boolean;
}

/** Parses the command line; a TypeError's message says which argument is wrong and how to write it. */
export function parseEmulatorCli(argv: readonly string[], cwd: string): EmulatorCliOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      port: { type: "string", default: "0" },
      "entra-port": { type: "string", default: "0" },
      environment: { type: "string", default: "production" },
      persist: { type: "string" },
      route: { type: "string", multiple: true, default: [] },
      seed: { type: "string" },
      rows: { type: "string", default: "3" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const routes = values.route.map((spec): BcRouteOptions => {
    const at = spec.indexOf("=");
    if (at <= 0 || at === spec.length - 1) throw new TypeError(`--route must be PATH=FILE, e.g. --route api/contoso/app1/v1.0=metadata/app1.xml; got '${spec}'`);
    const path = spec.slice(0, at).replace(/^\/+|\/+$/g, "");
    return { path, metadataFile: resolve(cwd, spec.slice(at + 1)) };
  });
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 0 || rows > 10_000) throw new TypeError(`--rows must be a whole number from 0 to 10000, got '${values.rows}'`);
  return {
    port: toPort(values.port, "--port"),
    entraPort: toPort(values["entra-port"], "--entra-port"),
    environment: values.environment,
    persist: values.persist,
    routes,
    seed: values.seed === undefined ? {} : readSeed(resolve(cwd, values.seed)),
    rows,
    help: values.help,
  };
}

function toPort(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new TypeError(`${flag} must be a port number, got '${text}'`);
  return n;
}

function readSeed(file: string): Readonly<Record<string, RouteRows>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new TypeError(`--seed ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const example = `{ "api/contoso/app1/v1.0": { "carBrands": [{ "name": "Contoso" }] } }`;
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new TypeError(`--seed ${file}: expected an object of route paths, e.g. ${example}`);
  for (const [route, sets] of Object.entries(parsed)) {
    if (typeof sets !== "object" || sets === null || Array.isArray(sets)) throw new TypeError(`--seed ${file}: "${route}" must map entity set names to arrays of rows, e.g. ${example}`);
    for (const [set, rows] of Object.entries(sets)) {
      if (!Array.isArray(rows) || !rows.every((r) => typeof r === "object" && r !== null && !Array.isArray(r))) {
        throw new TypeError(`--seed ${file}: "${route}"."${set}" must be an array of objects, e.g. ${example}`);
      }
    }
  }
  return parsed as Record<string, RouteRows>;
}
