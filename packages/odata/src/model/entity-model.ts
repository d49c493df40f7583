import type { FieldType } from "./edm.js";

/**
 * The type-level description of one entity type, emitted by @bcts/codegen and consumed by the
 * runtime's generic clients. It is a plain interface bundle: generated code writes one
 * `interface XModel extends EntityModel` per entity type, and navigation refers to other models
 * by interface name, so TypeScript resolves the graph lazily instead of instantiating it.
 *
 * @example
 * export interface CustomerModel extends EntityModel {
 *   readonly entity: Customer;            // read shape (what GET returns, structural properties only)
 *   readonly create: CustomerCreate;      // POST body (writable properties; deep-insert navigations)
 *   readonly update: CustomerUpdate;      // PATCH body (all optional, keys and read-only fields left out)
 *   readonly key: string;                 // single key: its TS type; composite: { Document_Type: string; No: string }
 *   readonly fields: { id: "Edm.Guid"; displayName: "Edm.String"; balanceDue: "Edm.Decimal"; type: EnumField<"Company" | "Person"> };
 *   readonly navigation: { currency: NavigationModel<CurrencyModel, false>; defaultDimensions: NavigationModel<DefaultDimensionModel, true> };
 *   readonly actions: {};                 // bound actions: { shipAndInvoice: ActionModel<{}, void> }
 *   readonly streams: never;              // names of Edm.Stream properties: "pictureContent"
 * }
 */
export interface EntityModel {
  readonly entity: object;
  readonly create: object;
  readonly update: object;
  readonly key: string | number | object;
  readonly fields: { readonly [name: string]: FieldType };
  // `any` target on purpose: with `EntityModel` here, checking one model against this constraint
  // compared every model reachable through navigation (a company reaches them all) — 78 ms of a
  // consumer's type-check for `bc.companies.list()` alone (tsc --generateTrace). Concrete models keep
  // their concrete targets; generic code reads them as `M["navigation"][K]["target"]`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly navigation: { readonly [name: string]: NavigationModel<any> };
  readonly actions: { readonly [name: string]: ActionModel };
  readonly streams: string;
}

/** A navigation property: its target model and whether it is a collection. */
export interface NavigationModel<TTarget extends EntityModel = EntityModel, TCollection extends boolean = boolean> {
  readonly target: TTarget;
  readonly collection: TCollection;
}

/**
 * A bound or unbound operation. `TParams` is the JSON body (`{}` when the operation takes only
 * the binding parameter); `TResult` is `void` when the metadata declares no ReturnType.
 */
export interface ActionModel<TParams extends object = object, TResult = unknown> {
  readonly params: TParams;
  readonly result: TResult;
}
