import { ConfigError } from "./config-error.js";
import type { ResolvedNaming } from "./config-types.js";
import { found, oneOf, record } from "./config-values.js";

const NAMING_KEYS = ["types", "typePrefix", "typeSuffix", "enumMembers", "rename"];
const EXAMPLE = `naming: { types: "pascal", typePrefix: "Bc", rename: { "Microsoft.NAV.customer": "Client" } }`;
/** Prefixes and suffixes are glued to identifiers, so they must be identifier characters themselves. */
const AFFIX = /^[A-Za-z_$][A-Za-z0-9_$]*$|^$/;
const SUFFIX = /^[A-Za-z0-9_$]*$/;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export const DEFAULT_NAMING: ResolvedNaming = { types: "pascal", typePrefix: "", typeSuffix: "", enumMembers: "decoded", rename: {} };

/**
 * Validates `routes[i].naming`. Whether a `rename` key names a type of the document is checked later,
 * by the model stage, which knows the document.
 */
export function resolveNaming(value: unknown, key: string): ResolvedNaming {
  if (value === undefined) return DEFAULT_NAMING;
  const naming = record(value, key, EXAMPLE);
  for (const k of Object.keys(naming)) {
    if (!NAMING_KEYS.includes(k)) throw new ConfigError(`${key}.${k}`, `one of the keys ${NAMING_KEYS.join(", ")}`, `unknown key "${k}"`, EXAMPLE);
  }
  const typePrefix = naming["typePrefix"] ?? "";
  if (typeof typePrefix !== "string" || !AFFIX.test(typePrefix)) {
    throw new ConfigError(`${key}.typePrefix`, "letters, digits, _ or $, not starting with a digit", found(typePrefix), `typePrefix: "Bc"`);
  }
  const typeSuffix = naming["typeSuffix"] ?? "";
  if (typeof typeSuffix !== "string" || !SUFFIX.test(typeSuffix)) {
    throw new ConfigError(`${key}.typeSuffix`, "letters, digits, _ or $", found(typeSuffix), `typeSuffix: "Entity"`);
  }
  return {
    types: oneOf(naming["types"], `${key}.types`, ["pascal", "preserve"] as const, "pascal", `types: "preserve"`),
    typePrefix,
    typeSuffix,
    enumMembers: oneOf(naming["enumMembers"], `${key}.enumMembers`, ["decoded", "pascal"] as const, "decoded", `enumMembers: "pascal"`),
    rename: resolveRename(naming["rename"], `${key}.rename`),
  };
}

function resolveRename(value: unknown, key: string): Readonly<Record<string, string>> {
  if (value === undefined) return {};
  const example = `rename: { "Microsoft.NAV.customer": "Client" }`;
  const rename = record(value, key, example);
  const targets = new Map<string, string>();
  const result: Record<string, string> = {};
  for (const [from, to] of Object.entries(rename)) {
    if (!/^[^.\s]+(\.[^.\s]+)+$/.test(from)) throw new ConfigError(`${key}["${from}"]`, "a qualified type name (Namespace.Name) as the key", JSON.stringify(from), example);
    if (typeof to !== "string" || !IDENTIFIER.test(to)) throw new ConfigError(`${key}["${from}"]`, "a TypeScript identifier", found(to), example);
    const other = targets.get(to);
    if (other !== undefined) throw new ConfigError(`${key}["${from}"]`, `a name no other type is renamed to ("${other}" already is)`, JSON.stringify(to), `rename: { "${other}": "${to}", "${from}": "${to}2" }`);
    targets.set(to, from);
    result[from] = to;
  }
  return result;
}
