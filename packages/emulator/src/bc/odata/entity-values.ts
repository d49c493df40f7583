import type { EdmEntityType, EdmModel } from "../metadata/edm-model.js";
import { BcError } from "../http/bc-error.js";
import { coerceBodyValue, emptyValue } from "./edm-values.js";

/**
 * Validates a JSON body against the entity type: unknown properties → 400 (§5.1), each value coerced
 * per Edm type (§10). Navigation properties are returned separately (deep insert, §5.3).
 */
export function validateBody(
  type: EdmEntityType,
  model: EdmModel,
  body: Readonly<Record<string, unknown>>,
): { values: Record<string, unknown>; navigation: Map<string, unknown> } {
  const values: Record<string, unknown> = {};
  const navigation = new Map<string, unknown>();
  for (const [name, value] of Object.entries(body)) {
    if (name.startsWith("@") || name.includes("@odata.")) continue;
    const property = type.properties.get(name);
    if (property) {
      values[name] = coerceBodyValue(property, value, model, type.qualifiedName);
      continue;
    }
    if (type.navigation.has(name)) {
      navigation.set(name, value);
      continue;
    }
    throw new BcError(400, "BadRequest", `The property '${name}' does not exist on type '${type.qualifiedName}'. Make sure to only use property names that are defined by the type.`);
  }
  return { values, navigation };
}

/** A full record: every non-stream property present, blanks as BC writes them (§10). */
export function withDefaults(type: EdmEntityType, model: EdmModel, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of type.properties.values()) {
    if (p.type.kind === "primitive" && p.type.name === "Edm.Stream") continue;
    out[p.name] = p.name in values ? values[p.name] : emptyValue(p, model);
  }
  return out;
}
