import { isAbsolute, resolve } from "node:path";
import { ConfigError } from "./config-error.js";
import type { MetadataSource, ResolvedRoute } from "./config-types.js";
import { found, oneOf, record, text } from "./config-values.js";
import { resolveNaming } from "./resolve-naming.js";

const ROUTE_EXAMPLE = `{ name: "api-v2.0", kind: "api", path: "api/v2.0", source: { kind: "file", path: "metadata/api-v2.0.xml" }, outDir: "src/generated/api-v2.0" }`;
const ROUTE_KEYS = ["name", "kind", "path", "source", "outDir", "snapshotPath", "entitySets", "dialect", "decimal", "int64", "dates", "naming", "openapi", "runtimeModule", "maxBytes", "changeset"];

/**
 * Validates a config value of unknown shape (a loaded `bcts.config.ts`, or `generate()` options) and
 * fills in every default once. Relative paths are resolved against `baseDir`.
 */
export function resolveConfig(value: unknown, baseDir: string): ResolvedRoute[] {
  const config = record(value, "config", `{ routes: [${ROUTE_EXAMPLE}] }`);
  const routes = config["routes"];
  if (!Array.isArray(routes) || routes.length === 0) throw new ConfigError("routes", "a non-empty array of routes", found(routes), `routes: [${ROUTE_EXAMPLE}]`);
  const names = new Set<string>();
  return routes.map((route: unknown, index) => {
    const resolved = resolveRoute(route, `routes[${index}]`, baseDir);
    if (names.has(resolved.name)) throw new ConfigError(`routes[${index}].name`, "a name used by one route only", JSON.stringify(resolved.name), `name: "${resolved.name}-2"`);
    names.add(resolved.name);
    return resolved;
  });
}

function resolveRoute(value: unknown, key: string, baseDir: string): ResolvedRoute {
  const route = record(value, key, ROUTE_EXAMPLE);
  for (const k of Object.keys(route)) {
    if (!ROUTE_KEYS.includes(k)) throw new ConfigError(`${key}.${k}`, `one of the keys ${ROUTE_KEYS.join(", ")}`, `unknown key "${k}"`, ROUTE_EXAMPLE);
  }
  const name = text(route["name"], `${key}.name`, /^[A-Za-z0-9][A-Za-z0-9._-]*$/, "a folder-safe name", `name: "api-v2.0"`);
  const kind = oneOf(route["kind"], `${key}.kind`, ["api", "odatav4"] as const, undefined, `kind: "api"`);
  const path = text(route["path"], `${key}.path`, /^[^/].*[^/]$|^[^/]$/, "a path without leading or trailing slash", kind === "odatav4" ? `path: "ODataV4"` : `path: "api/v2.0"`);
  const outDir = text(route["outDir"], `${key}.outDir`, /./, "a folder path", `outDir: "src/generated/${name}"`);
  const snapshot = route["snapshotPath"] === undefined ? `metadata/${name}.xml` : text(route["snapshotPath"], `${key}.snapshotPath`, /./, "a file path", `snapshotPath: "metadata/${name}.xml"`);
  const sets = route["entitySets"];
  if (sets !== undefined && (!Array.isArray(sets) || sets.length === 0 || !sets.every((s) => typeof s === "string" && s !== ""))) {
    throw new ConfigError(`${key}.entitySets`, "a non-empty array of entity set names (or leave it out for all)", found(sets), `entitySets: ["customers", "salesOrders", "items"]`);
  }
  const maxBytes = route["maxBytes"] ?? 32 * 1024 * 1024;
  if (typeof maxBytes !== "number" || !Number.isInteger(maxBytes) || maxBytes <= 0) throw new ConfigError(`${key}.maxBytes`, "a positive integer number of bytes", found(maxBytes), "maxBytes: 64 * 1024 * 1024");
  const openapi = route["openapi"] ?? true;
  if (typeof openapi !== "boolean") throw new ConfigError(`${key}.openapi`, "true or false", found(openapi), "openapi: false");
  return {
    name,
    kind,
    path,
    source: resolveSource(route["source"], `${key}.source`, baseDir),
    outDir: absolute(outDir, baseDir),
    snapshotPath: absolute(snapshot, baseDir),
    entitySets: sets === undefined ? "all" : (sets as string[]),
    dialect: route["dialect"] === undefined ? undefined : oneOf(route["dialect"], `${key}.dialect`, ["business-central", "odata"] as const, undefined, `dialect: "odata"`),
    decimal: oneOf(route["decimal"], `${key}.decimal`, ["number", "string"] as const, "number", `decimal: "string"`),
    int64: oneOf(route["int64"], `${key}.int64`, ["number", "string"] as const, "number", `int64: "string"`),
    dates: oneOf(route["dates"], `${key}.dates`, ["string", "Date"] as const, "string", `dates: "Date"`),
    naming: resolveNaming(route["naming"], `${key}.naming`),
    openapi,
    runtimeModule: route["runtimeModule"] === undefined ? "@bcts/odata" : text(route["runtimeModule"], `${key}.runtimeModule`, /./, "a module specifier", `runtimeModule: "@bcts/odata"`),
    maxBytes,
    changeset: resolveChangeset(route["changeset"], `${key}.changeset`, baseDir),
  };
}

function resolveChangeset(value: unknown, key: string, baseDir: string): ResolvedRoute["changeset"] {
  if (value === undefined) return null;
  const example = `changeset: { packageName: "@contoso/bc-client", dir: ".changeset" }`;
  const changeset = record(value, key, example);
  const packageName = text(changeset["packageName"], `${key}.packageName`, /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/, "an npm package name", example);
  const dir = changeset["dir"] === undefined ? ".changeset" : text(changeset["dir"], `${key}.dir`, /./, "a folder path", example);
  return { packageName, dir: absolute(dir, baseDir) };
}

function resolveSource(value: unknown, key: string, baseDir: string): MetadataSource {
  const example = `source: { kind: "file", path: "metadata/api-v2.0.xml" } or source: { kind: "url", url: "https://api.businesscentral.dynamics.com/v2.0/<tenant>/Production/api/v2.0", credential }`;
  const source = record(value, key, example);
  const kind = oneOf(source["kind"], `${key}.kind`, ["file", "url"] as const, undefined, example);
  switch (kind) {
    case "file":
      return { kind, path: absolute(text(source["path"], `${key}.path`, /./, "a file path", `path: "metadata/api-v2.0.xml"`), baseDir) };
    case "url": {
      const url = text(source["url"], `${key}.url`, /^https?:\/\//, "an http(s) service root URL", `url: "https://api.businesscentral.dynamics.com/v2.0/<tenant>/Production/api/v2.0"`);
      const credential = source["credential"] as { getToken?: unknown } | undefined;
      if (typeof credential !== "object" || credential === null || typeof credential.getToken !== "function") {
        throw new ConfigError(`${key}.credential`, "a TokenProvider from @bcts/auth (an object with getToken())", found(credential), "credential: new ClientSecretProvider({ tenantId, clientId, clientSecret })");
      }
      const fetchImpl = source["fetch"];
      if (fetchImpl !== undefined && typeof fetchImpl !== "function") throw new ConfigError(`${key}.fetch`, "a fetch function", found(fetchImpl), "fetch: globalThis.fetch");
      return { kind, url, credential: credential as never, ...(fetchImpl === undefined ? {} : { fetch: fetchImpl as typeof fetch }) };
    }
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

function absolute(path: string, baseDir: string): string {
  return isAbsolute(path) ? path : resolve(baseDir, path);
}
