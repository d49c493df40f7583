import { describe, expect, it } from "vitest";
import { docText, propertyKey, stringLiteral } from "../src/emit/literals.js";
import { NameAllocator } from "../src/model/name-allocator.js";
import { decodeXmlName, kebab, routeConstName, toIdentifier, toMemberKey } from "../src/model/names.js";

describe("names decoded from BC's XML-encoded captions", () => {
  it.each([
    ["G_x002F_L_x0020_Account", "G/L Account", "G_L_Account"],
    ["Charge_x0020__x0028_Item_x0029_", "Charge (Item)", "Charge_Item"],
    ["Non_x002D_Inventory", "Non-Inventory", "Non_Inventory"],
    ["Positive_x0020_Adjmt_x002E_", "Positive Adjmt.", "Positive_Adjmt"],
    ["Expired_x0020_", "Expired ", "Expired"],
    ["_x0020_", " ", "Blank"],
    ["0", "0", "_0"],
    ["14", "14", "_14"],
    ["In_x0020_Review", "In Review", "In_Review"],
    ["Draft", "Draft", "Draft"],
  ])("%s decodes to %j with member key %s", (wire, decoded, key) => {
    expect(decodeXmlName(wire)).toBe(decoded);
    expect(toMemberKey(wire)).toBe(key);
  });

  it.each([
    ["customer", "customer"],
    ["1stType", "_1stType"],
    ["a b-c", "a_b_c"],
    ["", "_"],
    ["Sell_to_Customer_No", "Sell_to_Customer_No"],
  ])("toIdentifier(%j) = %s", (text, identifier) => expect(toIdentifier(text)).toBe(identifier));

  it.each([
    ["SalesOrderLine", "sales-order-line"],
    ["salesOrderLine", "sales-order-line"],
    ["Chart_of_Accounts", "chart-of-accounts"],
    ["CS_GLAccounts", "cs-gl-accounts"],
    ["apicategoryroutes", "apicategoryroutes"],
  ])("kebab(%s) = %s", (identifier, file) => expect(kebab(identifier)).toBe(file));

  it.each([
    ["api-v2.0", "apiV2_0"],
    ["ODataV4", "oDataV4"],
    ["api-microsoft-automation-v2.0", "apiMicrosoftAutomationV2_0"],
    ["contoso.app.v1", "contosoAppV1"],
  ])("routeConstName(%s) = %s", (name, constant) => expect(routeConstName(name)).toBe(constant));
});

describe("NameAllocator", () => {
  it("takes a name with all its derived forms and numbers collisions", () => {
    const names = new NameAllocator(["EntityModel"]);
    const forms = (c: string) => [c, `${c}Model`];
    expect(names.take("Customer", forms)).toBe("Customer");
    expect(names.take("Customer", forms)).toBe("Customer_2");
    expect(names.take("Entity", forms)).toBe("Entity_2");
    expect(names.take("CustomerModel")).toBe("CustomerModel_2");
  });

  it("compares case-insensitively for file names", () => {
    const files = new NameAllocator(["index"], true, "-");
    expect(files.take("Index")).toBe("Index-2");
    expect(files.take("customer")).toBe("customer");
    expect(files.take("Customer")).toBe("Customer-2");
  });
});

describe("literals keep metadata text inside strings, keys and comments", () => {
  it.each([
    ["id", "id"],
    ["@odata.etag", `"@odata.etag"`],
    ["__proto__", `["__proto__"]`],
    ["constructor", "constructor"],
    ["Sell-to", `"Sell-to"`],
    ["1st", `"1st"`],
  ])("propertyKey(%j) = %s", (name, key) => expect(propertyKey(name)).toBe(key));

  it("escapes quotes, backslashes and line separators in string literals", () => {
    const hostile = `a"b\\c\u2028d\ne`;
    const literal = stringLiteral(hostile);
    expect(literal).toBe(`"a\\"b\\\\c\\u2028d\\ne"`);
    expect(JSON.parse(literal)).toBe(hostile);
  });

  it("cannot close a doc comment or start a tag", () => {
    expect(docText("x */ alert(1) /* @deprecated\r\nnext")).toBe("x *\\/ alert(1) /* &#64;deprecated next");
  });

  it("returns plain text unchanged and escapes everything else (the fast path agrees with the escapes)", () => {
    const plain = ["Key. Edm.String, max length 30.", "Caption: G/L Account (NAV.Customer).", ""];
    for (const text of plain) expect(docText(text)).toBe(text);
    const hostile = [" lead", "trail ", "two  spaces", "a*/b", "@x", "tab\tx", "é", "a\u200bb", "*/", "/*ok*/"];
    expect(hostile.map(docText)).toEqual(["lead", "trail", "two spaces", "a*\\/b", "&#64;x", "tab x", "é", "a\uFFFDb", "*\\/", "/*ok*\\/"]);
  });
});
