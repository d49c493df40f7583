import type { EdmEntitySet } from "../metadata/edm-model.js";
import { zeroGuid } from "./edm-values.js";
import type { ODataContext } from "./odata-context.js";

/**
 * A small part of BC's document logic, enough for realistic round trips: lines take item defaults
 * and compute amounts, headers take customer fields and total their lines. Everything else that AL
 * validation does (posting groups, tax areas, prices, discounts) is out of scope.
 */
export const headerOfLines: Readonly<Record<string, string>> = {
  salesOrderLines: "salesOrders",
  salesInvoiceLines: "salesInvoices",
  salesQuoteLines: "salesQuotes",
  salesCreditMemoLines: "salesCreditMemos",
  purchaseInvoiceLines: "purchaseInvoices",
  purchaseOrderLines: "purchaseOrders",
  purchaseCreditMemoLines: "purchaseCreditMemos",
};

const round2 = (n: number): number => Math.round(n * 100) / 100;
const num = (v: unknown): number => (typeof v === "number" ? v : 0);

/** Call with the record about to be stored (or `undefined` plus the removed values after a delete). */
export function applyDocumentRules(
  ctx: ODataContext,
  set: EdmEntitySet,
  scope: string,
  record: Record<string, unknown> | undefined,
  removed?: Readonly<Record<string, unknown>>,
  provided?: ReadonlySet<string>,
): void {
  const headerSet = headerOfLines[set.name];
  if (headerSet) {
    if (record) prepareLine(ctx, set, scope, record, provided?.has("lineType") ?? true);
    const documentId = (record ?? removed)?.["documentId"];
    if (typeof documentId === "string") ctx.store.onCommitted(() => totalHeader(ctx, headerSet, set.name, scope, documentId));
    return;
  }
  if (record && "customerId" in record && "customerName" in record) fillCustomer(ctx, scope, record);
}

function prepareLine(ctx: ODataContext, set: EdmEntitySet, scope: string, line: Record<string, unknown>, lineTypeGiven: boolean): void {
  const items = ctx.store.list(scope, "items");
  const item =
    (line["itemId"] && line["itemId"] !== zeroGuid ? items.find((i) => i.values["id"] === line["itemId"]) : undefined) ??
    (line["lineObjectNumber"] && (line["lineType"] === "Item" || !lineTypeGiven) ? items.find((i) => i.values["number"] === line["lineObjectNumber"]) : undefined);
  if (item) {
    line["itemId"] = item.values["id"];
    line["lineType"] = "Item";
    line["lineObjectNumber"] = item.values["number"];
    if (!line["description"]) line["description"] = item.values["displayName"];
    if (!num(line["unitPrice"])) line["unitPrice"] = item.values["unitPrice"];
    if (!line["unitOfMeasureCode"]) line["unitOfMeasureCode"] = item.values["baseUnitOfMeasureCode"];
    if (!line["unitOfMeasureId"] || line["unitOfMeasureId"] === zeroGuid) line["unitOfMeasureId"] = item.values["baseUnitOfMeasureId"];
  }
  if (!num(line["sequence"]) && "sequence" in line) {
    const siblings = ctx.store.list(scope, set.name).filter((r) => r.values["documentId"] === line["documentId"] && r.values["id"] !== line["id"]);
    line["sequence"] = siblings.reduce((max, r) => Math.max(max, num(r.values["sequence"])), 0) + 10000;
  }
  const net = round2(num(line["quantity"]) * num(line["unitPrice"]) - num(line["discountAmount"]));
  const tax = round2((net * num(line["taxPercent"])) / 100);
  const set2 = (k: string, v: number): void => {
    if (k in line) line[k] = v;
  };
  set2("amountExcludingTax", net);
  set2("totalTaxAmount", tax);
  set2("amountIncludingTax", round2(net + tax));
  set2("netAmount", net);
  set2("netTaxAmount", tax);
  set2("netAmountIncludingTax", round2(net + tax));
}

function totalHeader(ctx: ODataContext, headerSet: string, lineSet: string, scope: string, documentId: string): void {
  const header = ctx.store.list(scope, headerSet).find((r) => r.values["id"] === documentId);
  if (!header) return;
  const lines = ctx.store.list(scope, lineSet).filter((r) => r.values["documentId"] === documentId);
  const net = round2(lines.reduce((s, l) => s + num(l.values["amountExcludingTax"]), 0));
  const tax = round2(lines.reduce((s, l) => s + num(l.values["totalTaxAmount"]), 0));
  const values = { ...header.values };
  if ("totalAmountExcludingTax" in values) values["totalAmountExcludingTax"] = net;
  if ("totalTaxAmount" in values) values["totalTaxAmount"] = tax;
  if ("totalAmountIncludingTax" in values) values["totalAmountIncludingTax"] = round2(net + tax);
  ctx.store.put(scope, headerSet, header.key, values);
}

function fillCustomer(ctx: ODataContext, scope: string, record: Record<string, unknown>): void {
  const customers = ctx.store.list(scope, "customers");
  const customer =
    (record["customerId"] && record["customerId"] !== zeroGuid ? customers.find((c) => c.values["id"] === record["customerId"]) : undefined) ??
    (record["customerNumber"] ? customers.find((c) => c.values["number"] === record["customerNumber"]) : undefined);
  if (!customer) return;
  const c = customer.values;
  const copy: Record<string, unknown> = {
    customerId: c["id"], customerNumber: c["number"], customerName: c["displayName"],
    billToCustomerId: c["id"], billToCustomerNumber: c["number"], billToName: c["displayName"], shipToName: c["displayName"],
    sellToAddressLine1: c["addressLine1"], sellToCity: c["city"], sellToState: c["state"], sellToCountry: c["country"], sellToPostCode: c["postalCode"],
    billToAddressLine1: c["addressLine1"], billToCity: c["city"], billToState: c["state"], billToCountry: c["country"], billToPostCode: c["postalCode"],
  };
  for (const [k, v] of Object.entries(copy)) {
    const blank = record[k] === "" || record[k] === zeroGuid || record[k] === undefined;
    if (k in record && (blank || k === "customerId" || k === "customerNumber" || k === "customerName")) record[k] = v;
  }
}
