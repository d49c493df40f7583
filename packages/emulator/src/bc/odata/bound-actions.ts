import { BcError } from "../http/bc-error.js";
import { formatDateTime } from "./edm-values.js";
import { storeKey } from "./entity-key.js";
import { withDefaults } from "./entity-values.js";
import type { ODataContext } from "./odata-context.js";
import type { EntityTarget } from "./resource-resolver.js";

/**
 * The documented effect of the bound actions the emulator models (§5.4). Success is 204 with no body.
 * Each effect runs in one store transaction.
 */
type ActionEffect = (ctx: ODataContext, target: EntityTarget) => void;

const dialog = (message: string): BcError => new BcError(400, "Application_DialogException", message);

function nextPostedNumber(ctx: ODataContext, scope: string, set: string): string {
  let max = 103000;
  for (const r of ctx.store.list(scope, set)) {
    const n = String(r.values["number"] ?? "");
    if (/^\d+$/.test(n)) max = Math.max(max, Number(n));
  }
  return String(max + 1);
}

function putValues(ctx: ODataContext, target: EntityTarget, changes: Record<string, unknown>): void {
  const values = { ...target.row.values, ...changes };
  if ("lastModifiedDateTime" in values) values["lastModifiedDateTime"] = formatDateTime(ctx.clock.now());
  ctx.store.put(target.scope, target.set.name, target.row.key, values);
}

/** Posting a draft invoice keeps its id, assigns a posted number and opens it (API v2.0 lists drafts and posted invoices together). */
const postSalesInvoice: ActionEffect = (ctx, target) => {
  const v = target.row.values;
  if (v["status"] !== "Draft" && v["status"] !== "In_x0020_Review") throw dialog(`Sales invoice ${String(v["number"])} has already been posted.`);
  const lines = ctx.store.list(target.scope, "salesInvoiceLines").filter((l) => l.values["documentId"] === v["id"]);
  if (lines.length === 0) throw dialog("There is nothing to post.");
  putValues(ctx, target, { status: "Open", number: nextPostedNumber(ctx, target.scope, target.set.name), remainingAmount: v["totalAmountIncludingTax"] });
};

const cancelSalesInvoice: ActionEffect = (ctx, target) => {
  const status = target.row.values["status"];
  if (status !== "Open") throw dialog(`You can only cancel a posted, unpaid invoice; the status is ${String(status)}.`);
  putValues(ctx, target, { status: "Canceled", remainingAmount: 0 });
};

/** Ship and invoice: the posted invoice (with copies of the lines) appears in salesInvoices, the order is gone. */
const shipAndInvoiceSalesOrder: ActionEffect = (ctx, target) => {
  const order = target.row.values;
  const invoiceSet = ctx.route.model.entitySets.get("salesInvoices");
  const lineSet = ctx.route.model.entitySets.get("salesInvoiceLines");
  if (!invoiceSet || !lineSet) throw new BcError(501, "BadRequest_MethodNotImplemented", "This route has no salesInvoices set.");
  const invoiceType = ctx.route.typeOf(invoiceSet);
  const lineType = ctx.route.typeOf(lineSet);
  const orderLines = ctx.store.list(target.scope, "salesOrderLines").filter((l) => l.values["documentId"] === order["id"]);
  if (orderLines.length === 0) throw dialog("There is nothing to post.");
  const invoiceId = ctx.settings.newId();
  const invoice: Record<string, unknown> = {};
  for (const p of invoiceType.properties.keys()) if (p in order) invoice[p] = order[p];
  Object.assign(invoice, {
    id: invoiceId, number: nextPostedNumber(ctx, target.scope, invoiceSet.name), invoiceDate: order["postingDate"], dueDate: order["postingDate"],
    orderId: order["id"], orderNumber: order["number"], status: "Open", remainingAmount: order["totalAmountIncludingTax"],
  });
  const invoiceRow = withDefaults(invoiceType, ctx.route.model, invoice);
  ctx.store.put(target.scope, invoiceSet.name, storeKey(invoiceType, invoiceRow), invoiceRow);
  for (const l of orderLines) {
    const copied: Record<string, unknown> = {};
    for (const p of lineType.properties.keys()) if (p in l.values) copied[p] = l.values[p];
    const line = withDefaults(lineType, ctx.route.model, { ...copied, id: ctx.settings.newId(), documentId: invoiceId });
    ctx.store.put(target.scope, lineSet.name, storeKey(lineType, line), line);
    ctx.store.delete(target.scope, "salesOrderLines", l.key);
  }
  ctx.store.delete(target.scope, target.set.name, target.row.key);
};

/** Automation API: install/uninstall flip `isInstalled` (the real server schedules a deployment). */
const setInstalled = (installed: boolean): ActionEffect => (ctx, target) => {
  if (target.row.values["isInstalled"] === installed) throw dialog(`The extension is already ${installed ? "installed" : "uninstalled"}.`);
  putValues(ctx, target, { isInstalled: installed });
};

const effects: Readonly<Record<string, ActionEffect>> = {
  "Microsoft.NAV.extension/install": setInstalled(true),
  "Microsoft.NAV.extension/uninstall": setInstalled(false),
  "Microsoft.NAV.extension/uninstallAndDeleteExtensionData": setInstalled(false),
  "Microsoft.NAV.salesInvoice/post": postSalesInvoice,
  "Microsoft.NAV.salesInvoice/cancel": cancelSalesInvoice,
  "Microsoft.NAV.salesOrder/shipAndInvoice": shipAndInvoiceSalesOrder,
};

/** Names of the actions with an emulated effect, as `<binding type>/<action>`. */
export const emulatedActions: readonly string[] = Object.keys(effects);

export function invokeBoundAction(ctx: ODataContext, target: EntityTarget, actionName: string): void {
  const effect = effects[`${target.type.qualifiedName}/${actionName}`];
  if (!effect) throw new BcError(501, "BadRequest_MethodNotImplemented", `The action '${actionName}' on '${target.set.name}' is declared in $metadata but not emulated.`);
  ctx.store.transaction(() => effect(ctx, target));
}
