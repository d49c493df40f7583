/**
 * The document parsed, but its parts do not fit together: a type reference names nothing that is
 * declared, a key names a missing property, a set names a missing type.
 *
 * @example
 * MetadataModelError: api-v2.0.xml at EntityType[Microsoft.NAV.customer]/Property[currency]:
 *   type "Microsoft.NAV.currencyType" is not declared in any schema. Remedy: …
 */
export class MetadataModelError extends Error {
  override readonly name = "MetadataModelError";
  constructor(
    readonly source: string,
    readonly at: string,
    readonly problem: string,
    readonly remedy = "The document is probably incomplete (pruned or truncated); fetch the full $metadata again.",
  ) {
    super(`${source} at ${at}: ${problem}. ${remedy}`);
  }
}
