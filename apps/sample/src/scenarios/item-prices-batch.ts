import { ODataBatchError } from "@bcts/odata";
import { clientFor, pickCompany } from "../company.js";
import { log } from "../log.js";
import type { Target } from "../target.js";

export interface ItemPricesBatchOptions {
  readonly companyId?: string;
  /** Names the demo items ("bcts price demo <runId> #n"). */
  readonly runId: string;
  /** How many demo items to create and reprice. Default 3 (at most 100: one atomic batch). */
  readonly items?: number;
  /** Price change in percent. Default 10. */
  readonly percent?: number;
  /** Delete the demo items at the end. Default true. */
  readonly cleanup?: boolean;
}

/**
 * Demo items created with the bulk API (`createMany`), then an atomic batch of item price updates (`$batch` with `Isolation: snapshot`): all prices change
 * together, and a batch with one bad operation (a stale ETag) changes nothing. The scenario works on
 * demo items it creates, so it never reprices real items.
 */
export async function itemPricesBatch(target: Target, options: ItemPricesBatchOptions): Promise<void> {
  const bc = clientFor(target);
  log.step("Create demo items (bulk: createMany, $batch requests of up to 100)");
  const company = bc.company((await pickCompany(bc, options.companyId)).id);
  const count = Math.min(options.items ?? 3, 100);
  const percent = options.percent ?? 10;
  const prefix = `bcts price demo ${options.runId}`;
  const bulk = await company.items.createMany(
    Array.from({ length: count }, (_, i) => ({ displayName: `${prefix} #${i + 1}`, type: "Inventory" as const, unitPrice: 10 * (i + 1) })),
    { onProgress: (p) => log.progress(`${p.settled} of ${p.total}: ${p.ok} ok, ${p.failed} failed, ${p.unknown} unknown`) },
  );
  log.detail(`POST ${bc.companies.toUrl().replace(/companies$/, "$batch")}  (${bulk.requests} ${bulk.requests === 1 ? "request" : "requests"}, ${count} operations)`);
  const created = bulk.items.flatMap((r) => (r.status === "ok" && r.value !== undefined ? [r.value] : []));
  if (created.length !== count) throw new Error(`${count - created.length} demo items were not created (${bulk.failed} failed, ${bulk.unknown} unknown); see the per-item results.`);
  log.table(created, ["number", "displayName", "unitPrice"]);

  log.step(`Raise every price by ${percent} % in one atomic batch`);
  const raised = await company.batch(
    (b) => created.map((item) => b.items.byId(item.id).update({ unitPrice: newPrice(item.unitPrice, percent) }, { entity: item })),
    { atomic: true },
  );
  const current = await readPrices(company, prefix);
  log.table(
    created.map((item) => ({ number: item.number, before: item.unitPrice, after: current.get(item.id) })),
    ["number", "before", "after"],
  );
  const unchanged = created.filter((item) => current.get(item.id) !== newPrice(item.unitPrice, percent));
  if (unchanged.length > 0) throw new Error(`${unchanged.length} prices did not change as the batch said.`);
  log.detail(`all ${count} prices changed`);

  log.step("A batch with one bad operation changes nothing");
  const stale = created[0]!; // its ETag is from before the raise: BC answers 409 for that operation
  try {
    await company.batch(
      (b) => raised.map((item, i) => b.items.byId(item.id).update({ unitPrice: newPrice(item.unitPrice, percent) }, { entity: i === 0 ? stale : item })),
      { atomic: true },
    );
    throw new Error("The batch with a stale ETag was accepted.");
  } catch (error) {
    if (!(error instanceof ODataBatchError)) throw error;
    const failure = error.failures[0];
    log.detail(`ODataBatchError: operation ${failure?.index ?? "?"} failed with ${failure?.error.status} ${failure?.error.code}`, "the whole batch was rolled back");
  }
  const after = await readPrices(company, prefix);
  const moved = raised.filter((item) => after.get(item.id) !== item.unitPrice);
  log.table(raised.map((item) => ({ number: item.number, price: after.get(item.id) })), ["number", "price"]);
  if (moved.length > 0) throw new Error(`${moved.length} prices changed although the batch failed.`);
  log.detail(`none of the ${count} prices changed`);

  if (options.cleanup ?? true) {
    log.step("Delete the demo items");
    const deleted = await company.items.deleteMany(raised.map((item) => ({ key: item.id, entity: item })));
    log.detail(`${deleted.ok} of ${count} deleted (deleteMany)`);
  }
}

function newPrice(price: number | null, percent: number): number {
  return Math.round((price ?? 0) * (100 + percent)) / 100;
}

async function readPrices(company: ReturnType<ReturnType<typeof clientFor>["company"]>, prefix: string): Promise<Map<string, number | null>> {
  const prices = new Map<string, number | null>();
  for await (const item of company.items.list({ select: ["id", "unitPrice"], filter: (f) => f.displayName.startsWith(prefix) })) prices.set(item.id, item.unitPrice);
  return prices;
}
