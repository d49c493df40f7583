import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/config/config-error.js";
import { resolveConfig } from "../src/config/resolve-config.js";

const route = { name: "api-v2.0", kind: "api", path: "api/v2.0", source: { kind: "file", path: "metadata/api-v2.0.xml" }, outDir: "src/generated/api-v2.0" };

describe("resolveConfig", () => {
  it("fills every default once and resolves paths against the config folder", () => {
    expect(resolveConfig({ routes: [route] }, "/repo")).toEqual([{
      name: "api-v2.0", kind: "api", path: "api/v2.0",
      source: { kind: "file", path: "/repo/metadata/api-v2.0.xml" },
      outDir: "/repo/src/generated/api-v2.0", snapshotPath: "/repo/metadata/api-v2.0.xml",
      entitySets: "all", decimal: "number", int64: "number", dates: "string",
      naming: { types: "pascal", typePrefix: "", typeSuffix: "", enumMembers: "decoded", rename: {} },
      openapi: true, runtimeModule: "@bcts/odata", maxBytes: 33554432, changeset: null,
    }]);
  });

  it.each([
    ["no routes", {}, "routes", /non-empty array/, /routes: \[/],
    ["a wrong kind", { routes: [{ ...route, kind: "API" }] }, "routes[0].kind", /"api" or "odatav4"/, /kind: "api"/],
    ["a path with slashes at the ends", { routes: [{ ...route, path: "/api/v2.0/" }] }, "routes[0].path", /without leading or trailing slash/, /path: "api\/v2.0"/],
    ["a bad decimal mapping", { routes: [{ ...route, decimal: "bigint" }] }, "routes[0].decimal", /"number" or "string"/, /decimal: "string"/],
    ["an unknown key", { routes: [{ ...route, outdir: "x" }] }, "routes[0].outdir", /one of the keys/, /outDir/],
    ["an empty allow-list", { routes: [{ ...route, entitySets: [] }] }, "routes[0].entitySets", /non-empty array/, /customers/],
    ["a url source without credential", { routes: [{ ...route, source: { kind: "url", url: "https://x/api/v2.0" } }] }, "routes[0].source.credential", /TokenProvider/, /ClientSecretProvider/],
    ["duplicate names", { routes: [route, route] }, "routes[1].name", /one route only/, /api-v2.0-2/],
    ["a bad dates mapping", { routes: [{ ...route, dates: "date" }] }, "routes[0].dates", /"string" or "Date"/, /dates: "Date"/],
    ["naming that is not an object", { routes: [{ ...route, naming: "camel" }] }, "routes[0].naming", /an object/, /typePrefix/],
    ["an unknown naming key", { routes: [{ ...route, naming: { properties: "camel" } }] }, "routes[0].naming.properties", /one of the keys/, /naming: \{/],
    ["a bad type spelling", { routes: [{ ...route, naming: { types: "camel" } }] }, "routes[0].naming.types", /"pascal" or "preserve"/, /types: "preserve"/],
    ["a prefix that is no identifier start", { routes: [{ ...route, naming: { typePrefix: "1x" } }] }, "routes[0].naming.typePrefix", /not starting with a digit/, /Bc/],
    ["a suffix with a dash", { routes: [{ ...route, naming: { typeSuffix: "-x" } }] }, "routes[0].naming.typeSuffix", /letters, digits/, /Entity/],
    ["a bad enum member spelling", { routes: [{ ...route, naming: { enumMembers: "raw" } }] }, "routes[0].naming.enumMembers", /"decoded" or "pascal"/, /pascal/],
    ["a rename key that is not qualified", { routes: [{ ...route, naming: { rename: { customer: "Client" } } }] }, 'routes[0].naming.rename["customer"]', /qualified type name/, /Microsoft.NAV.customer/],
    ["a rename to a non-identifier", { routes: [{ ...route, naming: { rename: { "Microsoft.NAV.customer": "my client" } } }] }, 'routes[0].naming.rename["Microsoft.NAV.customer"]', /TypeScript identifier/, /Client/],
    ["two renames to one name", { routes: [{ ...route, naming: { rename: { "Microsoft.NAV.customer": "Client", "Microsoft.NAV.vendor": "Client" } } }] }, 'routes[0].naming.rename["Microsoft.NAV.vendor"]', /no other type/, /Client2/],
  ])("rejects %s naming the key, the expected value and an example", (_, config, key, expected, example) => {
    const run = () => resolveConfig(config, "/repo");
    expect(run).toThrow(ConfigError);
    try { run(); } catch (e) {
      const error = e as ConfigError;
      expect(error.key).toBe(key);
      expect(error.expected).toMatch(expected);
      expect(error.example).toMatch(example);
    }
  });
});
