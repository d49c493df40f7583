import type { EdmEntitySet } from "../metadata/edm-model.js";
import type { StoredEntity } from "../store/entity-store.js";
import { resolveEnumMember } from "./edm-values.js";
import { storeKey } from "./entity-key.js";
import { withDefaults } from "./entity-values.js";
import type { ODataContext } from "./odata-context.js";

/**
 * A record BC has for every parent of some sets without anyone creating it, e.g. an item's picture
 * or an invoice's PDF: it exists (id = the parent's id) the first time it is addressed.
 */
export interface ContainedRecordRule {
  /** Qualified type of the contained record, e.g. "Microsoft.NAV.picture". */
  readonly entityType: string;
  /** Parent set name → the caption of its `parentType` enum member. */
  readonly parentTypes: Readonly<Record<string, string>>;
  /** Values beyond id, parentType and the type's defaults. */
  readonly values: (parent: StoredEntity, caption: string) => Record<string, unknown>;
}

export function ensureContainedRecord(
  ctx: ODataContext,
  rule: ContainedRecordRule,
  set: EdmEntitySet,
  scope: string,
  parentSet: EdmEntitySet,
  parent: StoredEntity,
): StoredEntity | undefined {
  const caption = rule.parentTypes[parentSet.name];
  if (!caption || set.entityType !== rule.entityType) return undefined;
  const type = ctx.route.typeOf(set);
  const parentTypeProperty = type.properties.get("parentType");
  const enumType = parentTypeProperty?.type.kind === "enum" ? ctx.route.model.enumTypes.get(parentTypeProperty.type.name) : undefined;
  const values = withDefaults(type, ctx.route.model, {
    id: parent.values["id"],
    ...(enumType ? { parentType: resolveEnumMember(enumType, caption) ?? enumType.members[0]?.name } : {}),
  });
  // After the defaults: they reset stream properties, which a rule may fill (the PDF).
  Object.assign(values, rule.values(parent, caption));
  return ctx.store.put(scope, set.name, storeKey(type, values), values);
}
