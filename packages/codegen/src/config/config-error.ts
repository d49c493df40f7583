/**
 * A configuration value is missing or wrong. Names the key, what was expected and shows an example.
 *
 * @example
 * ConfigError: routes[0].kind: expected "api" or "odatav4", found "API".
 *   Example: { name: "api-v2.0", kind: "api", path: "api/v2.0", source: { kind: "file", path: "metadata/api-v2.0.xml" }, outDir: "src/generated/api-v2.0" }
 */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(
    readonly key: string,
    readonly expected: string,
    readonly found: string,
    readonly example: string,
  ) {
    super(`${key}: expected ${expected}, found ${found}.\n  Example: ${example}`);
  }
}
