import { clientFor, pickCompany } from "../company.js";
import { log } from "../log.js";
import type { Target } from "../target.js";

export interface SalesOrderOptions {
  readonly companyId?: string;
  /** Customer number; default: the first customer. */
  readonly customerNumber?: string;
  /** How many different items to order (one line each). Default 2. */
  readonly lines?: number;
}

/**
 * A sales order with its lines in one POST (deep insert), then the bound action shipAndInvoice,
 * then the posted sales invoice that BC made from it.
 */
export async function salesOrder(target: Target, options: SalesOrderOptions = {}): Promise<void> {
  const bc = clientFor(target);
  log.step("Pick a customer and items");
  const company = bc.company((await pickCompany(bc, options.companyId)).id);

  const customerQuery = company.customers.query({
    select: ["number", "displayName"],
    ...(options.customerNumber ? { filter: (f) => f.number.eq(options.customerNumber!) } : {}),
    top: 1,
  });
  const [customer] = await first(customerQuery.list(), 1);
  if (!customer) throw new Error(options.customerNumber ? `No customer ${options.customerNumber}.` : "The company has no customers.");
  const items = await first(company.items.query({ select: ["number", "displayName", "unitPrice"], filter: (f) => f.blocked.eq(false), orderBy: ["number"] }).list(), options.lines ?? 2);
  if (items.length === 0) throw new Error("The company has no unblocked items.");
  log.detail(`customer ${customer.number} ${customer.displayName}`);
  log.table(items, ["number", "displayName", "unitPrice"]);

  log.step("Create the order with its lines (deep insert: one POST, all or nothing)");
  const order = await company.salesOrders.create({
    customerNumber: customer.number ?? undefined,
    externalDocumentNumber: "bcts sample",
    salesOrderLines: items.map((item, i) => ({ lineType: "Item", lineObjectNumber: item.number, quantity: i + 1 })),
  });
  log.detail(`POST ${company.salesOrders.toUrl()}`, `201 Created: order ${order.number}, total ${order.totalAmountIncludingTax} ${order.currencyCode || "(local currency)"}`);
  const lines = [];
  for await (const line of company.salesOrders.byId(order.id).salesOrderLines.list({ select: ["sequence", "lineObjectNumber", "description", "quantity", "amountIncludingTax"] })) lines.push(line);
  log.table(lines, ["sequence", "lineObjectNumber", "description", "quantity", "amountIncludingTax"]);

  log.step("Ship and invoice it (bound action)");
  log.detail(`POST ${company.salesOrders.byId(order.id).toUrl()}/Microsoft.NAV.shipAndInvoice`);
  await company.salesOrders.byId(order.id).shipAndInvoice();
  log.detail("204 No Content: shipped and invoiced");

  log.step("The posted invoice");
  const invoices = company.salesInvoices.query({ select: ["number", "orderNumber", "status", "customerNumber", "totalAmountIncludingTax"], filter: (f) => f.orderNumber.eq(order.number) });
  log.detail(`GET ${invoices.toUrl()}`);
  const posted = await first(invoices.list(), 10);
  if (posted.length !== 1) throw new Error(`Expected one posted invoice for order ${order.number}, found ${posted.length}.`);
  log.table(posted, ["number", "orderNumber", "status", "customerNumber", "totalAmountIncludingTax"]);
}

async function first<T>(iterator: AsyncIterable<T>, count: number): Promise<T[]> {
  const out: T[] = [];
  if (count <= 0) return out;
  for await (const x of iterator) {
    out.push(x);
    if (out.length >= count) break;
  }
  return out;
}
