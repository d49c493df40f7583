import type { EdmEntitySet } from "../metadata/edm-model.js";
import type { StoredEntity } from "../store/entity-store.js";
import { resolveEnumMember } from "./edm-values.js";
import { storeKey } from "./entity-key.js";
import { withDefaults } from "./entity-values.js";
import type { ODataContext } from "./odata-context.js";

// The pictureEntityParentType member for each set that has a `picture` navigation.
const parentTypes: Readonly<Record<string, string>> = {
  customers: "Customer",
  items: "Item",
  vendors: "Vendor",
  employees: "Employee",
  contacts: "Contact",
};

/**
 * In BC every item, customer, vendor, employee and contact has a picture record (id = the parent's
 * id), empty until content is uploaded: `GET items({id})/picture` answers 200 with width 0, and
 * `PATCH …/picture/pictureContent` fills it. The emulator creates that empty row the first time it
 * is addressed.
 */
export function ensurePicture(ctx: ODataContext, pictureSet: EdmEntitySet, scope: string, parentSet: EdmEntitySet, parent: StoredEntity): StoredEntity | undefined {
  const caption = parentTypes[parentSet.name];
  if (!caption || pictureSet.entityType !== "Microsoft.NAV.picture") return undefined;
  const type = ctx.route.typeOf(pictureSet);
  const parentTypeProperty = type.properties.get("parentType");
  const enumType = parentTypeProperty?.type.kind === "enum" ? ctx.route.model.enumTypes.get(parentTypeProperty.type.name) : undefined;
  const values = withDefaults(type, ctx.route.model, {
    id: parent.values["id"],
    ...(enumType ? { parentType: resolveEnumMember(enumType, caption) ?? enumType.members[0]?.name } : {}),
  });
  return ctx.store.put(scope, pictureSet.name, storeKey(type, values), values);
}
