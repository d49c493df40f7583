import type { TokenProvider } from "@bcts/auth";

/** Where a route's `$metadata` comes from. */
export type MetadataSource =
  /** A local file, e.g. a committed snapshot: `{ kind: "file", path: "metadata/api-v2.0.xml" }`. */
  | { readonly kind: "file"; readonly path: string }
  /**
   * A live service root; `GET {url}/$metadata` with a bearer token from `credential`.
   * @example { kind: "url", url: "https://api.businesscentral.dynamics.com/v2.0/<tenant>/Production/api/v2.0", credential }
   */
  | { readonly kind: "url"; readonly url: string; readonly credential: TokenProvider; readonly fetch?: typeof fetch };

/** One route to generate, as written in `bcts.config.ts` or passed to `generate()`. */
export interface RouteConfig {
  /** Folder-safe route name, used for the snapshot file and the route constant: "api-v2.0" → `apiV2_0`. */
  readonly name: string;
  /** "api" for `api/v2.0`, automation and custom APIs; "odatav4" for `ODataV4` web services. */
  readonly kind: "api" | "odatav4";
  /** Path below the environment: "api/v2.0", "api/microsoft/automation/v2.0", "api/contoso/app/v1.0", "ODataV4". */
  readonly path: string;
  readonly source: MetadataSource;
  /** Output folder; replaced as a whole on every run. */
  readonly outDir: string;
  /** Where a fetched document is pinned (default `metadata/<name>.xml`); offline runs read it. */
  readonly snapshotPath?: string;
  /**
   * Which server rules the generated client follows (default: inferred from the document —
   * "business-central" when a schema is `Microsoft.NAV`/`NAV` or the container is `NAV`, else "odata").
   * "business-central": BC's filter limits, `Isolation: snapshot`, If-Match on every write.
   * "odata": standard OData V4 — filters as written, `atomicityGroup`, If-Match per `Core.OptimisticConcurrency`.
   * @example dialect: "odata"   // a CAP, RAP or Olingo service
   */
  readonly dialect?: "business-central" | "odata";
  /** Allow-list of entity sets; types reachable from them by navigation are kept, the rest pruned. */
  readonly entitySets?: readonly string[];
  /** TypeScript type for Edm.Decimal (default "number"; "string" keeps full precision). */
  readonly decimal?: "number" | "string";
  /** TypeScript type for Edm.Int64 (default "number"; "string" keeps integers above 2^53 exact). */
  readonly int64?: "number" | "string";
  /**
   * TypeScript type for Edm.Date and Edm.DateTimeOffset: "string" (default) keeps the ISO text BC
   * sends (`"2024-01-31"`, `"2024-01-31T12:00:00Z"`); "Date" converts to and from `Date` objects
   * (Edm.Date at UTC midnight). Edm.TimeOfDay and Edm.Duration always stay strings.
   */
  readonly dates?: "string" | "Date";
  /** How generated TypeScript names are spelled; property names always stay the wire names. */
  readonly naming?: NamingOptions;
  /** Emit `paths.ts` and `openapi.json` too (default true). */
  readonly openapi?: boolean;
  /** Module the generated code imports its runtime from (default "@bcts/odata"). */
  readonly runtimeModule?: string;
  /** Reject documents above this size (default 32 MiB). */
  readonly maxBytes?: number;
  /**
   * When the document differs from the pinned snapshot, write a changeset for this package with the
   * bump `bcts diff` computes (additions minor; removals, renames, type changes major).
   * @example changeset: { packageName: "@contoso/bc-client" }   // writes .changeset/bcts-<route>-<hash>.md
   */
  readonly changeset?: { readonly packageName: string; readonly dir?: string };
}

/**
 * Spelling of generated type names. Properties, entity sets and enum values keep their wire names,
 * so `$select`, `$filter` and BC's own error messages use the names you see in code.
 *
 * @example naming: { typePrefix: "Bc", rename: { "Microsoft.NAV.customer": "Client" } } // BcItem, BcItemCreate, Client, ClientCreate
 */
export interface NamingOptions {
  /** "pascal" (default): `salesOrder` → `SalesOrder`; "preserve": the decoded metadata name `salesOrder` (a prefix is glued on as is: `BcsalesOrder`). */
  readonly types?: "pascal" | "preserve";
  /** Put before every generated type name (entity, complex and enum types): "Bc" → `BcCustomer`, `BcCustomerCreate`. */
  readonly typePrefix?: string;
  /** Put after the base name of every generated type: "Entity" → `CustomerEntity`, `CustomerEntityCreate`. */
  readonly typeSuffix?: string;
  /** Enum member keys: "decoded" (default) `G_x002F_L_x0020_Account` → `G_L_Account`; "pascal" → `GLAccount`. Values stay raw wire names. */
  readonly enumMembers?: "decoded" | "pascal";
  /**
   * Exact base names for chosen types by qualified name: `{ "Microsoft.NAV.customer": "Client" }` → `Client`,
   * `ClientCreate`, … Used exactly as given: `types`, `typePrefix` and `typeSuffix` do not apply to it, and
   * it is never de-duplicated; other types step aside instead (`Vendor_2`, with a note). A key that names
   * no entity, complex or enum type of the document, or a name that clashes with a generated or reserved
   * name, fails generation with a ConfigError. A renamed type pruned by `entitySets` is fine.
   */
  readonly rename?: Readonly<Record<string, string>>;
}

/** Naming with every default filled in. */
export interface ResolvedNaming {
  readonly types: "pascal" | "preserve";
  readonly typePrefix: string;
  readonly typeSuffix: string;
  readonly enumMembers: "decoded" | "pascal";
  readonly rename: Readonly<Record<string, string>>;
}

export interface BctsConfig {
  readonly routes: readonly RouteConfig[];
}

/** A route with every option filled in and every path absolute. */
export interface ResolvedRoute {
  readonly name: string;
  readonly kind: "api" | "odatav4";
  readonly path: string;
  readonly source: MetadataSource;
  readonly outDir: string;
  readonly snapshotPath: string;
  readonly entitySets: readonly string[] | "all";
  /** undefined: inferred from the document. */
  readonly dialect: "business-central" | "odata" | undefined;
  readonly decimal: "number" | "string";
  readonly int64: "number" | "string";
  readonly dates: "string" | "Date";
  readonly naming: ResolvedNaming;
  readonly openapi: boolean;
  readonly runtimeModule: string;
  readonly maxBytes: number;
  readonly changeset: { readonly packageName: string; readonly dir: string } | null;
}
