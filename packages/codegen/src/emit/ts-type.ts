import type { EdmPrimitiveName, EdmTypeRef, EdmValueType } from "../model/edm-model.js";
import { lookup, type EmitContext } from "./emit-context.js";
import type { ImportSet } from "./import-set.js";
import { stringLiteral } from "./literals.js";

export type TypeUse = "read" | "input";

/**
 * The TypeScript type of a value: `string | null`, `readonly EntityMetadataLabel[] | null`,
 * `ItemType` (enum union of raw wire values). Referenced types are imported by name.
 */
export function tsType(value: EdmValueType, use: TypeUse, context: EmitContext, imports: ImportSet): string {
  const element = tsElementType(value.type, context, imports);
  const list = value.collection ? `${use === "read" ? "readonly " : ""}${element}[]` : element;
  return value.nullable ? `${list} | null` : list;
}

export function tsElementType(type: EdmTypeRef, context: EmitContext, imports: ImportSet): string {
  switch (type.kind) {
    case "primitive":
      return tsPrimitive(type.name, context);
    case "enum":
      return imports.add("./enums.js", lookup(context.enums, type.qualifiedName).name, true);
    case "complex":
      return imports.add("./complex-types.js", lookup(context.complexTypes, type.qualifiedName).name, true);
    case "entity":
      // By name through the registry, like navigation: no import edge between entity modules.
      return `${imports.add("./registry.js", "ModelOf", true)}<${stringLiteral(lookup(context.entityTypes, type.qualifiedName).qualifiedName)}>["entity"]`;
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
}

export function tsPrimitive(name: EdmPrimitiveName, context: EmitContext): string {
  switch (name) {
    case "Edm.Date":
    case "Edm.DateTimeOffset":
      return context.options.dates;
    case "Edm.String":
    case "Edm.Guid":
    case "Edm.TimeOfDay":
    case "Edm.Duration":
    case "Edm.Binary":
      return "string";
    case "Edm.Boolean":
      return "boolean";
    case "Edm.Byte":
    case "Edm.SByte":
    case "Edm.Int16":
    case "Edm.Int32":
    case "Edm.Single":
    case "Edm.Double":
      return "number";
    // Template literal types: a decimal string must be numeric, and paths.ts can map it back to the wire's number.
    case "Edm.Decimal":
      return context.options.decimal === "string" ? "`${number}`" : "number";
    case "Edm.Int64":
      return context.options.int64 === "string" ? "`${bigint}`" : "number";
    case "Edm.Stream":
      // Streams never appear in JSON bodies; they have their own value endpoints.
      return "never";
    default: {
      const unreachable: never = name;
      return unreachable;
    }
  }
}

/** Runtime `PropertyKind` of a value, as the descriptor's `properties` map carries it. */
export function propertyKind(value: EdmValueType): string {
  if (value.collection) return "collection";
  switch (value.type.kind) {
    case "primitive":
      return value.type.name;
    case "enum":
      return "enum";
    case "complex":
    case "entity":
      return "complex";
    default: {
      const unreachable: never = value.type;
      return unreachable;
    }
  }
}
