import type { EntityTypeDescriptor, EntitySetDescriptor, OperationMap, RouteDescriptor, SetScope } from "./descriptors.js";
import type { EntityModel } from "./entity-model.js";
import type { ValueCodec } from "../values/value-codec.js";

/**
 * Entity types of one route, registered as their generated modules load. Navigation targets are
 * resolved here by qualified name, so importing one entity set's module does not pull the whole
 * navigation graph into a bundle. Scoped per route: a custom API may reuse `Microsoft.NAV.customer`.
 *
 * @example
 * // generated: api-v2.0/registry.ts
 * export const registry = createTypeRegistry("api/v2.0");
 * // generated: api-v2.0/customer.ts
 * export const customerType = registry.define<CustomerModel>({ name: "Microsoft.NAV.customer", ... });
 * // generated with dates: "Date": the registry also carries the route's value conversions
 * export const registry = createTypeRegistry("api/v2.0", createValueCodec({ mapping: { dates: "Date", decimal: "number", int64: "number" }, conversions: { … } }));
 */
export interface TypeRegistry {
  readonly route: string;
  /** Converts bodies of this route; undefined when the route uses plain JSON values (the default). */
  readonly codec: ValueCodec | undefined;
  define<M extends EntityModel>(descriptor: Omit<EntityTypeDescriptor<M>, "registry" | "__model">): EntityTypeDescriptor<M>;
  /** The descriptor, or undefined when the module that defines it was never imported. */
  resolve(qualifiedName: string): EntityTypeDescriptor | undefined;
}

/** `codec` is passed in rather than built here, so bundles of plain-JSON routes do not carry it. */
export function createTypeRegistry(route: string, codec?: ValueCodec): TypeRegistry {
  const types = new Map<string, EntityTypeDescriptor>();
  const registry: TypeRegistry = {
    route,
    codec,
    define<M extends EntityModel>(descriptor: Omit<EntityTypeDescriptor<M>, "registry" | "__model">) {
      const full = { ...descriptor, registry } as EntityTypeDescriptor<M>;
      types.set(descriptor.name, full as EntityTypeDescriptor);
      return full;
    },
    resolve: (qualifiedName) => types.get(qualifiedName),
  };
  return registry;
}

/** Identity helper that keeps the model type on an entity set descriptor. */
export function defineEntitySet<M extends EntityModel, S extends SetScope>(descriptor: EntitySetDescriptor<M, S>): EntitySetDescriptor<M, S> {
  return descriptor;
}

/** Identity helper that keeps the set map and operation map types on a route descriptor. */
export function defineRoute<TSets extends Readonly<Record<string, EntitySetDescriptor<any, SetScope>>>, TOps extends OperationMap = {}>(
  descriptor: RouteDescriptor<TSets, TOps>,
): RouteDescriptor<TSets, TOps> {
  return descriptor;
}
