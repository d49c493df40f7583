/** The metadata document cannot be turned into an EdmModel (not CSDL, or a reference that cannot be resolved). */
export class MetadataError extends Error {
  override readonly name = "MetadataError";
}
