import type { Cds, CapService } from "./cds-types.js";

/**
 * The custom logic of the conformance service: a bound action, an unbound function with parameters,
 * one without, and an unbound action.
 */
export function registerHandlers(cds: Cds, service: CapService): void {
  const { SELECT, UPDATE, DELETE, INSERT } = cds.ql;
  const { Orders, Products, Events } = service.entities;

  // POST Orders(ID)/ConformanceService.confirm {"note":"…"} → the confirmed order.
  service.on("confirm", "Orders", async (req) => {
    const key = req.params[0];
    const ID = typeof key === "object" && key !== null ? (key as { ID: string }).ID : key;
    const order = (await cds.run(SELECT.one.from(Orders).where({ ID }))) as { status: string } | undefined;
    if (order === undefined) return req.reject(404, `Order ${String(ID)} does not exist.`);
    if (order.status === "confirmed") return req.reject(409, "The order is already confirmed.");
    await cds.run(UPDATE(Orders).set({ status: "confirmed", title: req.data["note"] ?? null }).where({ ID }));
    return cds.run(SELECT.one.from(Orders).where({ ID }));
  });

  // GET echo(text='a',times=2) → "aa"
  service.on("echo", (req) => String(req.data["text"] ?? "").repeat(Number(req.data["times"] ?? 1)));

  // GET productCount() → number of products
  service.on("productCount", async () => {
    const rows = (await cds.run(SELECT.from(Products).columns("code"))) as unknown[];
    return rows.length;
  });

  // POST resetEvents {"count":9} → 9 events seq 1…9
  service.on("resetEvents", async (req) => {
    const count = Number(req.data["count"] ?? 0);
    await cds.run(DELETE.from(Events));
    if (count > 0) await cds.run(INSERT.into(Events).entries(Array.from({ length: count }, (_, i) => ({ seq: i + 1, label: `event ${i + 1}` }))));
    return count;
  });
}
