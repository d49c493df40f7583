import { salesOrder, salesOrderLine } from "../runtime/canned-data.js";

/** The BC-shaped JSON texts the value conversion is timed on (canned rows, API v2.0 field names). */
export interface ValuePayloads {
  /** `{ "@odata.context", value: [orders with expanded salesOrderLines] }`, as BC answers a list */
  readonly pageText: string;
  readonly orders: number;
  readonly linesPerOrder: number;
  /** one sales order with its lines, as a deep-insert body (no `@odata.etag`) */
  readonly orderText: string;
  readonly orderLines: number;
}

const context = "https://api.businesscentral.dynamics.com/v2.0/tenant/production/api/v2.0/$metadata#companies(5d115c9c-44e3-ea11-bb43-000d3a2feca1)/salesOrders";

function order(i: number, lines: number): Record<string, unknown> {
  return { ...salesOrder(i), salesOrderLines: Array.from({ length: lines }, (_, j) => salesOrderLine(i, j)) };
}

function withoutEtags(value: Record<string, unknown>): Record<string, unknown> {
  const { "@odata.etag": _, ...rest } = value;
  const lines = rest["salesOrderLines"];
  return Array.isArray(lines) ? { ...rest, salesOrderLines: lines.map((l) => withoutEtags(l as Record<string, unknown>)) } : rest;
}

/** A page of `orders` sales orders with `linesPerOrder` lines each, and one order with `orderLines` lines to write. */
export function valuePayloads(orders: number, linesPerOrder: number, orderLines: number): ValuePayloads {
  const page = { "@odata.context": context, value: Array.from({ length: orders }, (_, i) => order(i, linesPerOrder)) };
  return {
    pageText: JSON.stringify(page),
    orders,
    linesPerOrder,
    orderText: JSON.stringify(withoutEtags(order(0, orderLines))),
    orderLines,
  };
}
