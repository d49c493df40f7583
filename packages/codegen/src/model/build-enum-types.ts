import type { CsdlDocument } from "../csdl/csdl-document.js";
import type { EdmEnumType } from "./edm-model.js";
import { MetadataModelError } from "./metadata-model-error.js";
import { compareStrings } from "./compare-strings.js";
import { NameAllocator } from "./name-allocator.js";
import type { TypeNaming } from "./type-naming.js";

/**
 * Enum types sorted by qualified name. Member keys are decoded (or PascalCased) captions made unique
 * (`Expired_x0020_` next to `Expired` becomes `Expired_2`); values stay the raw wire names.
 */
export function buildEnumTypes(document: CsdlDocument, naming: TypeNaming, source: string): EdmEnumType[] {
  const all = document.schemas.flatMap((schema) => schema.enumTypes.map((type) => ({ schema, type, qualifiedName: `${schema.namespace}.${type.name}` })));
  all.sort((a, b) => compareStrings(a.qualifiedName, b.qualifiedName));
  return all.map(({ type, qualifiedName }) => {
    if (type.isFlags) throw new MetadataModelError(source, `EnumType[${qualifiedName}]`, "IsFlags enums are not supported", "Business Central does not emit them; report the document.");
    const keys = new NameAllocator(["__proto__"]);
    const seenWire = new Set<string>();
    const members = type.members.flatMap((member, index) => {
      if (seenWire.has(member.name)) return [];
      seenWire.add(member.name);
      const value = member.value === undefined ? index : Number(member.value);
      if (!Number.isFinite(value)) throw new MetadataModelError(source, `EnumType[${qualifiedName}]/Member[${member.name}]`, `Value "${member.value}" is not a number`);
      return [{ wireName: member.name, key: keys.take(naming.memberKey(member.name)), value }];
    });
    return { kind: "enumType" as const, qualifiedName, name: naming.name("enum", qualifiedName, type.name), members };
  });
}
