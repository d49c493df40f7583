/** Resolved options the emitters read (every field set; no defaults applied downstream). */
export interface EmitOptions {
  /** TypeScript type of Edm.Decimal values. */
  readonly decimal: "number" | "string";
  /** TypeScript type of Edm.Int64 values. */
  readonly int64: "number" | "string";
  /** TypeScript type of Edm.Date and Edm.DateTimeOffset values ("Date": converted by the runtime). */
  readonly dates: "string" | "Date";
  /** Module specifier of the runtime the generated code imports, normally "@bcts/odata". */
  readonly runtimeModule: string;
  /** Also emit `paths.ts` (openapi-fetch) and `openapi.json`. */
  readonly openapi: boolean;
}
