/**
 * Whether a navigation is a deep-insert line collection: a contained collection whose target type
 * name ends in `Line`/`Lines` (`salesOrderLines`, ODataV4 `SalesOrderSalesLines`), on anything but the
 * company container. BC does not declare deep-insert support in metadata, so this is a naming rule.
 */
export function isDeepInsert(owner: string, containerType: string | undefined, target: string, collection: boolean, containsTarget: boolean): boolean {
  return collection && containsTarget && owner !== containerType && /lines?$/i.test(target);
}
