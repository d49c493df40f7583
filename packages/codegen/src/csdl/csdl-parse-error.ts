/**
 * The metadata document cannot be read as OData v4 CSDL.
 * Says where (`at`: line/column or element path), what was expected and what was found.
 *
 * @example
 * CsdlParseError: metadata.xml at Edmx/DataServices/Schema[Microsoft.NAV]/EntityType[customer]/Property[2]:
 *   expected attribute "Type", found none. Remedy: fetch the document again; it looks hand-edited or truncated.
 */
export class CsdlParseError extends Error {
  override readonly name = "CsdlParseError";
  constructor(
    readonly source: string,
    readonly at: string,
    readonly expected: string,
    readonly found: string,
    readonly remedy = "Check that the file is the unmodified response of GET {serviceRoot}/$metadata.",
  ) {
    super(`${source} at ${at}: expected ${expected}, found ${found}. ${remedy}`);
  }
}
