/** `G_x002F_L_x0020_Account` → `G/L Account` (XML name encoding used by BC for captions). */
export function decodeXmlName(name: string): string {
  return name.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** A valid identifier from any decoded text: invalid characters become `_`; a leading digit gets `_`. */
export function toIdentifier(text: string): string {
  const replaced = text.replace(/[^A-Za-z0-9_$]/g, "_");
  if (replaced === "") return "_";
  return /^[0-9]/.test(replaced) ? `_${replaced}` : replaced;
}

/** Enum member key: `Charge (Item)` → `Charge_Item`, ` ` → `Blank`, `Positive Adjmt.` → `Positive_Adjmt`. */
export function toMemberKey(wireName: string): string {
  return memberKey(wireName, (words) => words.join("_"));
}

/** Enum member key in PascalCase: `G_x002F_L_x0020_Account` → `GLAccount`, `Charge (Item)` → `ChargeItem`, ` ` → `Blank`. */
export function toPascalMemberKey(wireName: string): string {
  return memberKey(wireName, (words) => words.map(pascal).join(""));
}

/** The decoded caption's words joined by `join`; `Blank` when it has none, `_` before a leading digit. */
function memberKey(wireName: string, join: (words: readonly string[]) => string): string {
  const words = decodeXmlName(wireName).split(/[^A-Za-z0-9]+/).filter((w) => w !== "");
  if (words.length === 0) return "Blank";
  const key = join(words);
  return /^[0-9]/.test(key) ? `_${key}` : key;
}

export function pascal(identifier: string): string {
  return identifier.charAt(0).toUpperCase() + identifier.slice(1);
}

export function camel(identifier: string): string {
  return identifier.charAt(0).toLowerCase() + identifier.slice(1);
}

/** `salesOrderLine` → `sales-order-line`, `Chart_of_Accounts` → `chart-of-accounts`. */
export function kebab(identifier: string): string {
  const text = identifier
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase();
  return text === "" ? "type" : text;
}

/** `api-v2.0` → `apiV2_0`, `ODataV4` → `oDataV4`. */
export function routeConstName(routeName: string): string {
  const joined = routeName.replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) =>
    next === undefined ? "" : /[0-9]/.test(next) ? `_${next}` : next.toUpperCase(),
  );
  return camel(toIdentifier(joined));
}
