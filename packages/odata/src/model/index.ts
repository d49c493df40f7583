export type { EdmPrimitive, PropertyKind, EnumField, OpaqueField, FieldType } from "./edm.js";
export type { EntityModel, NavigationModel, ActionModel } from "./entity-model.js";
export type {
  EntityTypeDescriptor,
  NavigationDescriptor,
  OperationDescriptor,
  OperationMap,
  EntitySetDescriptor,
  RouteDescriptor,
  SetScope,
  RouteDialect,
} from "./descriptors.js";
export { dialectOf } from "./descriptors.js";
export type { TypeRegistry } from "./type-registry.js";
export { createTypeRegistry, defineEntitySet, defineRoute } from "./type-registry.js";
