import type { ContainedRecordRule } from "./contained-record.js";

/**
 * In BC every item, customer, vendor, employee and contact has a picture record (id = the parent's
 * id), empty until content is uploaded: `GET items({id})/picture` answers 200 with width 0, and
 * `PATCH …/picture/pictureContent` fills it.
 */
export const pictureRule: ContainedRecordRule = {
  entityType: "Microsoft.NAV.picture",
  parentTypes: { customers: "Customer", items: "Item", vendors: "Vendor", employees: "Employee", contacts: "Contact" },
  values: () => ({}),
};
