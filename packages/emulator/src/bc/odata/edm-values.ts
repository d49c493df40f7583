import type { EdmEnumType, EdmModel, EdmProperty } from "../metadata/edm-model.js";
import { BcError } from "../http/bc-error.js";

export const zeroGuid = "00000000-0000-0000-0000-000000000000";
export const emptyDate = "0001-01-01";
export const emptyDateTime = "0001-01-01T00:00:00Z";
const guidRe = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const dateRe = /^\d{4}-\d{2}-\d{2}$/;
const dateTimeRe = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** `In_x0020_Review` → `In Review` (XML name decoding of enum member names, §10). */
export function decodeXmlName(name: string): string {
  return name.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Maps an enum input to the raw member name. Accepts the encoded member (`In_x0020_Review`), the
 * caption (`In Review`) and the qualified form (`Microsoft.NAV.x'In_x0020_Review'`) — which of
 * these real BC accepts is [UNK] (§3 literal formats), so the emulator takes all three.
 */
export function resolveEnumMember(type: EdmEnumType, input: string): string | undefined {
  const q = /^[\w.]+'(.*)'$/.exec(input);
  const value = q ? q[1]! : input;
  const exact = type.members.find((m) => m.name === value);
  if (exact) return exact.name;
  const lower = value.toLowerCase();
  return type.members.find((m) => m.name.toLowerCase() === lower || decodeXmlName(m.name).toLowerCase() === lower)?.name;
}

export function enumOptionError(type: EdmEnumType, input: string): BcError {
  const options = type.members.map((m) => decodeXmlName(m.name)).join(",");
  return new BcError(400, "BadRequest", `'${input}' is not an option. The existing options are: ${options}`);
}

/** BC's "empty" value per type (§10): "" for text, zero GUID, 0001-01-01, 0, false, first enum member. */
export function emptyValue(property: EdmProperty, model: EdmModel): unknown {
  const t = property.type;
  switch (t.kind) {
    case "enum":
      return model.enumTypes.get(t.name)?.members[0]?.name ?? "";
    case "complex":
    case "other":
      return t.collection ? [] : null;
    case "primitive":
      switch (t.name) {
        case "Edm.String":
          return "";
        case "Edm.Guid":
          return zeroGuid;
        case "Edm.Boolean":
          return false;
        case "Edm.Int32":
        case "Edm.Int64":
        case "Edm.Decimal":
        case "Edm.Double":
          return 0;
        case "Edm.Date":
          return emptyDate;
        case "Edm.DateTimeOffset":
          return emptyDateTime;
        case "Edm.TimeOfDay":
          return "00:00:00";
        case "Edm.Duration":
          return "PT0S";
        case "Edm.Binary":
        case "Edm.Stream":
          return null;
      }
  }
}

/** Normalizes a DateTimeOffset to BC's form: UTC, `Z`, milliseconds only when non-zero (§10). */
export function formatDateTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}

/** Validates and normalizes one JSON body value for a property; throws BcError as BC would (§5.1, §10). */
export function coerceBodyValue(property: EdmProperty, value: unknown, model: EdmModel, typeName: string): unknown {
  const t = property.type;
  const bad = (): never => {
    throw new BcError(400, "BadRequest", `Cannot convert the literal '${String(JSON.stringify(value))}' to the expected type '${t.name}'.`);
  };
  if (value === null) {
    if (!property.nullable) throw new BcError(400, "BadRequest_RequiredParamNotProvided", `Field '${property.name}' must not be blank or empty.`);
    return emptyValue(property, model);
  }
  switch (t.kind) {
    case "enum": {
      const type = model.enumTypes.get(t.name);
      if (typeof value !== "string" || !type) return bad();
      const member = resolveEnumMember(type, value as string);
      if (member === undefined) throw enumOptionError(type, value as string);
      return member;
    }
    case "complex":
    case "other":
      return value;
    case "primitive":
      switch (t.name) {
        case "Edm.String": {
          if (typeof value !== "string") return bad();
          const text = value as string;
          if (property.maxLength !== undefined && text.length > property.maxLength) {
            throw new BcError(400, "Application_StringExceededLength", `The length of the string is ${text.length}, but it must be less than or equal to ${property.maxLength} characters. Value: ${text}`);
          }
          return text;
        }
        case "Edm.Guid":
          if (typeof value !== "string" || !guidRe.test(value as string)) {
            throw new BcError(400, "Application_InvalidGUID", `Invalid GUID value '${String(value)}' for '${property.name}' on '${typeName}'.`);
          }
          return (value as string).toLowerCase();
        case "Edm.Boolean":
          return typeof value === "boolean" ? value : bad();
        case "Edm.Int32":
        case "Edm.Int64":
          return typeof value === "number" && Number.isInteger(value) ? value : bad();
        case "Edm.Decimal":
        case "Edm.Double": {
          if (typeof value === "number") return value;
          if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
          return bad();
        }
        case "Edm.Date":
          if (typeof value !== "string" || !dateRe.test(value as string)) {
            throw new BcError(400, "BadRequest", `Unable to convert value to Date: '${String(value)}'.`);
          }
          return value;
        case "Edm.DateTimeOffset": {
          if (typeof value !== "string" || !dateTimeRe.test(value as string)) return bad();
          const text = value as string;
          // Input without an offset is read in the service time zone, UTC online (§10).
          return formatDateTime(Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}Z`));
        }
        case "Edm.TimeOfDay":
        case "Edm.Duration":
        case "Edm.Binary":
          return typeof value === "string" ? value : bad();
        case "Edm.Stream":
          throw new BcError(400, "BadRequest", `The property '${property.name}' is a stream property; write it through its own URL.`);
      }
  }
}
