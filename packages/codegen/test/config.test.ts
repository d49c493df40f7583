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
      entitySets: "all", decimal: "number", int64: "number", openapi: true, runtimeModule: "@bcts/odata", maxBytes: 33554432, changeset: null,
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
