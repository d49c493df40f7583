import type { CsdlAnnotation, CsdlAnnotationValue, CsdlDocument } from "../csdl/csdl-document.js";
import type { TypeResolver } from "./type-resolver.js";

/** Inline annotations merged with schema-level `<Annotations Target="NS.type/property">` blocks. */
export class AnnotationLookup {
  readonly #external = new Map<string, CsdlAnnotation[]>();

  constructor(document: CsdlDocument, resolver: TypeResolver) {
    for (const schema of document.schemas) {
      for (const block of schema.annotations) {
        const target = resolver.qualify(block.target.split("/")[0]!) + block.target.slice(block.target.split("/")[0]!.length);
        const list = this.#external.get(target) ?? [];
        list.push(...block.annotations);
        this.#external.set(target, list);
      }
    }
  }

  /** All annotations of a target (`Microsoft.NAV.account/consolidationTranslationMethod`), inline first. */
  of(target: string, inline: readonly CsdlAnnotation[]): readonly CsdlAnnotation[] {
    const external = this.#external.get(target);
    return external ? [...inline, ...external] : inline;
  }
}

/** The value of an unqualified term, by full name or by its usual alias (`Core.Computed` for `Org.OData.Core.V1.Computed`). */
export function findTerm(annotations: readonly CsdlAnnotation[], term: string): CsdlAnnotationValue | undefined {
  const segments = term.split(".");
  const alias = segments.length >= 3 ? `${segments[segments.length - 3]}.${segments[segments.length - 1]}` : term;
  return annotations.find((a) => a.qualifier === undefined && (a.term === term || a.term === alias))?.value;
}

export function termIsTrue(annotations: readonly CsdlAnnotation[], term: string): boolean {
  const value = findTerm(annotations, term);
  return value !== undefined && (value.kind === "none" || (value.kind === "bool" && value.value));
}

export function termIsFalse(annotations: readonly CsdlAnnotation[], term: string): boolean {
  const value = findTerm(annotations, term);
  return value !== undefined && value.kind === "bool" && !value.value;
}

/** `Capabilities.InsertRestrictions/Insertable`: false only when the record says so. */
export function recordFlag(annotations: readonly CsdlAnnotation[], term: string, property: string): boolean {
  const value = findTerm(annotations, term);
  if (value?.kind !== "record") return true;
  const flag = value.properties.find((p) => p.property === property)?.value;
  return !(flag?.kind === "bool" && !flag.value);
}

export function termString(annotations: readonly CsdlAnnotation[], term: string): string | undefined {
  const value = findTerm(annotations, term);
  return value?.kind === "string" ? value.value : undefined;
}
