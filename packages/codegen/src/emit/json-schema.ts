import type { EdmPrimitiveName, EdmValueType } from "../model/edm-model.js";
import { lookup, type EmitContext } from "./emit-context.js";

export type JsonSchema = { readonly [key: string]: unknown };

/** JSON Schema (OpenAPI 3.1 dialect) of a value: nullable as `type: [t, "null"]`, references into components. */
export function jsonSchema(value: EdmValueType, context: EmitContext): JsonSchema {
  const element = elementSchema(value, context);
  const list = value.collection ? { type: "array", items: element } : element;
  if (!value.nullable) return list;
  if (typeof list["type"] === "string") return { ...list, type: [list["type"], "null"] };
  return { anyOf: [list, { type: "null" }] };
}

function elementSchema(value: EdmValueType, context: EmitContext): JsonSchema {
  switch (value.type.kind) {
    case "primitive":
      return primitiveSchema(value.type.name);
    case "enum":
      return { $ref: `#/components/schemas/${lookup(context.enums, value.type.qualifiedName).name}` };
    case "complex":
      return { $ref: `#/components/schemas/${lookup(context.complexTypes, value.type.qualifiedName).name}` };
    case "entity":
      return { $ref: `#/components/schemas/${lookup(context.entityTypes, value.type.qualifiedName).names.read}` };
    default: {
      const unreachable: never = value.type;
      return unreachable;
    }
  }
}

/** The wire form of a primitive, whatever TypeScript mapping the route chose (BC always sends JSON numbers and ISO strings). */
export function primitiveSchema(name: EdmPrimitiveName): JsonSchema {
  switch (name) {
    case "Edm.String":
      return { type: "string" };
    case "Edm.Guid":
      return { type: "string", format: "uuid" };
    case "Edm.Boolean":
      return { type: "boolean" };
    case "Edm.Byte":
    case "Edm.SByte":
    case "Edm.Int16":
    case "Edm.Int32":
      return { type: "integer", format: "int32" };
    case "Edm.Int64":
      return { type: "integer", format: "int64" };
    case "Edm.Decimal":
      return { type: "number", format: "decimal" };
    case "Edm.Single":
    case "Edm.Double":
      return { type: "number" };
    case "Edm.Date":
      return { type: "string", format: "date" };
    case "Edm.DateTimeOffset":
      return { type: "string", format: "date-time" };
    case "Edm.TimeOfDay":
      return { type: "string", format: "time" };
    case "Edm.Duration":
      return { type: "string", format: "duration" };
    case "Edm.Binary":
      return { type: "string", contentEncoding: "base64" };
    case "Edm.Stream":
      return { type: "string", contentMediaType: "application/octet-stream" };
    default: {
      const unreachable: never = name;
      return unreachable;
    }
  }
}
