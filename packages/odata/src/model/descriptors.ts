import type { PropertyKind } from "./edm.js";
import type { ActionModel, EntityModel } from "./entity-model.js";
import type { TypeRegistry } from "./type-registry.js";
import type { ValueCodec } from "../values/value-codec.js";

/**
 * Runtime metadata of one entity type, emitted by @bcts/codegen next to its `EntityModel`.
 * Kept compact: it is what a bundle carries for each entity type it uses.
 *
 * @example
 * export const customerType = registry.define<CustomerModel>({
 *   name: "Microsoft.NAV.customer",
 *   keys: ["id"],
 *   properties: { id: "Edm.Guid", number: "Edm.String", type: "enum", balanceDue: "Edm.Decimal" },
 *   navigation: { currency: { target: "Microsoft.NAV.currency", collection: false } },
 *   actions: {},
 *   streams: [],
 * });
 */
export interface EntityTypeDescriptor<M extends EntityModel = EntityModel> {
  /** Qualified name, e.g. "Microsoft.NAV.customer" or "NAV.SalesOrder". */
  readonly name: string;
  /** Key property names in metadata order (composite keys have several). */
  readonly keys: readonly string[];
  /** Every structural property (including keys and streams) with its runtime kind. */
  readonly properties: Readonly<Record<string, PropertyKind>>;
  /** Navigation properties; `target` is the qualified type name, resolved lazily through the type registry. */
  readonly navigation: Readonly<Record<string, NavigationDescriptor>>;
  /** Bound operations, keyed by the generated method name. */
  readonly actions: Readonly<Record<string, OperationDescriptor>>;
  /** Names of `Edm.Stream` properties (uploaded and downloaded through `/{entity}/{property}`). */
  readonly streams: readonly string[];
  /** The route's registry, through which navigation targets are resolved. */
  readonly registry: TypeRegistry;
  /** How queries and writes on this type are spelled; missing means "business-central" (code generated before dialects). */
  readonly dialect?: RouteDialect;
  /**
   * Whether writes need If-Match. Missing or true: an unknown ETag is read first (BC demands If-Match).
   * false: the metadata declares no `Core.OptimisticConcurrency` for this type's sets, so a write
   * without an ETag is sent without If-Match.
   */
  readonly optimisticConcurrency?: boolean;
  /** Phantom: carries the model type; never set at runtime. */
  readonly __model?: M;
}

export interface NavigationDescriptor {
  readonly target: string;
  readonly collection: boolean;
}

/**
 * A bound or unbound action or function.
 * Bound: POST {entity}/{name}, e.g. `salesOrders({id})/Microsoft.NAV.shipAndInvoice`.
 * Unbound (ODataV4 codeunits): POST {route}/{name}?company=..., e.g. `ODataV4/CompanySetupService_ConfigureCompany`.
 */
export interface OperationDescriptor<A extends ActionModel = ActionModel> {
  /** The wire name as it appears in the URL: "Microsoft.NAV.shipAndInvoice", "NAV.Post", "CompanySetupService_ConfigureCompany". */
  readonly name: string;
  readonly kind: "action" | "function";
  /** Parameters other than the binding parameter, with their kinds, in metadata order. */
  readonly parameters: Readonly<Record<string, PropertyKind>>;
  /** Return kind, or null when the metadata declares no ReturnType. */
  readonly returns: PropertyKind | null;
  /** Phantom: the typed parameters and result (generated `Operations` entry); never set at runtime. */
  readonly __model?: A;
}

/** Unbound operations of a route, keyed by generated method name. */
export type OperationMap = Readonly<Record<string, OperationDescriptor<any>>>;

export type SetScope = "company" | "root";

/**
 * Which server rules a route follows.
 * - "business-central": BC's restrictions and headers — no `or` across fields, `not` pushed down to
 *   comparisons, `Isolation: snapshot` for atomic batches, If-Match on every write.
 * - "odata": standard OData V4 — filters sent as written, `atomicityGroup` for atomic batches,
 *   If-Match only where the metadata declares `Core.OptimisticConcurrency`.
 */
export type RouteDialect = "business-central" | "odata";

/**
 * Runtime metadata of one entity set.
 * `scope: "company"` sets live under a company (`companies({id})/customers`, ODataV4 `Company('name')/Customers`);
 * `scope: "root"` sets live directly under the route (`companies`, `subscriptions`, `entityDefinitions`).
 */
export interface EntitySetDescriptor<M extends EntityModel = EntityModel, S extends SetScope = SetScope> {
  readonly name: string;
  readonly type: EntityTypeDescriptor<M>;
  readonly scope: S;
  /** From Org.OData.Capabilities.V1 Insert/Update/DeleteRestrictions; missing annotations mean allowed. */
  readonly capabilities: { readonly insert: boolean; readonly update: boolean; readonly delete: boolean };
  /** `Core.OptimisticConcurrency` on this set; missing means required (BC). */
  readonly optimisticConcurrency?: boolean;
}

/**
 * One configured API route of a Business Central environment.
 * - kind "api": `api/v2.0`, `api/microsoft/automation/v2.0`, `api/{publisher}/{group}/{version}`; companies addressed as `companies({guid})`.
 * - kind "odatav4": `ODataV4`; companies addressed as `Company('name')`.
 */
export interface RouteDescriptor<
  TSets extends Readonly<Record<string, EntitySetDescriptor<any, SetScope>>> = Readonly<Record<string, EntitySetDescriptor<any, SetScope>>>,
  TOps extends OperationMap = OperationMap,
> {
  readonly kind: "api" | "odatav4";
  /** Path below the environment, without slashes at either end: "api/v2.0", "ODataV4". */
  readonly path: string;
  /** Entity sets keyed by the generated property name (usually the set name). */
  readonly sets: TSets;
  /** Unbound operations (ODataV4 codeunit web services), keyed by generated method name. */
  readonly operations: TOps;
  /** The registry's value codec, for routes generated with `dates: "Date"` or decimals/Int64 as strings. */
  readonly codec?: ValueCodec;
  /** Missing means "business-central" (code generated before dialects). */
  readonly dialect?: RouteDialect;
}

/** The dialect of a route or type; code generated before dialects existed is Business Central's. */
export function dialectOf(described: { readonly dialect?: RouteDialect } | undefined): RouteDialect {
  return described?.dialect ?? "business-central";
}
