import type { CsdlProperty } from "../csdl/csdl-document.js";
import type { EdmProperty } from "./edm-model.js";
import { termIsFalse, termIsTrue, termString, type AnnotationLookup } from "./annotation-lookup.js";
import { MetadataModelError } from "./metadata-model-error.js";
import type { TypeResolver } from "./type-resolver.js";

export interface PropertyContext {
  readonly resolver: TypeResolver;
  readonly annotations: AnnotationLookup;
  readonly source: string;
}

/**
 * Structural properties of an entity or complex type, in metadata order.
 * Writability: `Core.Computed` → neither; `Core.Immutable` → create only; ODataV4 `NAV.AllowEditOnCreate=false`
 * / `NAV.AllowEdit=false` → not on create / update; keys never on update; streams never in JSON bodies.
 */
export function buildProperties(
  ownerKind: "EntityType" | "ComplexType",
  qualifiedOwner: string,
  properties: readonly CsdlProperty[],
  keys: readonly string[],
  context: PropertyContext,
): EdmProperty[] {
  return properties.map((property) => {
    const at = `${ownerKind}[${qualifiedOwner}]/Property[${property.name}]`;
    const resolved = context.resolver.resolve(property.type, at);
    if (resolved.type.kind === "entity") {
      throw new MetadataModelError(context.source, at, `structural property has entity type "${property.type}"`, "Entity types are reachable only through NavigationProperty elements.");
    }
    const annotations = context.annotations.of(`${qualifiedOwner}/${property.name}`, property.annotations);
    const isKey = keys.includes(property.name);
    const isStream = resolved.type.kind === "primitive" && resolved.type.name === "Edm.Stream";
    const computed = termIsTrue(annotations, "Org.OData.Core.V1.Computed");
    const immutable = termIsTrue(annotations, "Org.OData.Core.V1.Immutable");
    const label = termString(annotations, "NAV.LabelId") ?? termString(annotations, "Org.OData.Core.V1.Description");
    return {
      wireName: property.name,
      type: resolved.type,
      collection: resolved.collection,
      nullable: isKey ? false : property.nullable,
      isKey,
      maxLength: property.maxLength,
      languageDependent: termIsTrue(annotations, "Org.OData.Core.V1.IsLanguageDependent"),
      writableOnCreate: !isStream && !computed && !termIsFalse(annotations, "NAV.AllowEditOnCreate"),
      writableOnUpdate: !isStream && !computed && !immutable && !isKey && !termIsFalse(annotations, "NAV.AllowEdit"),
      caption: label !== undefined && label !== property.name ? label : undefined,
    };
  });
}
