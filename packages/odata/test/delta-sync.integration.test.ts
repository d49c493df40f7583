// Delta sync against the emulator's change tracking (docs/delta-sync.md): a baseline, then rounds with
// inserts, updates, deletions and filter exits; paging by maxPageSize; 410 after the retention; a server
// without delta links. The mirror after each round must equal the server's rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ODataDeltaExpiredError, ODataDeltaUnsupportedError, type DeltaChange } from "../src/index.js";
import { startEmulatorFixture, type EmulatorFixture } from "./support/emulator-fixture.js";

let f: EmulatorFixture;
let offsetMs = 0;
const sentHeaders: Headers[] = [];
beforeAll(async () => {
  f = await startEmulatorFixture({ clock: { now: () => Date.now() + offsetMs }, bc: { changeTracking: { enabled: true, retentionMs: 60_000 } } });
});
afterAll(async () => {
  await f?.close();
});

type Customer = { readonly id: string; readonly displayName?: string | null | undefined };
const client = () =>
  f.client({
    fetch: (input: RequestInfo | URL, init?: RequestInit) => {
      sentHeaders.push(new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined)));
      return fetch(input, init);
    },
  }).company(f.companyId);

/** Applies a round to the mirror; returns the changes seen. */
async function applyRound<C extends Customer>(mirror: Map<string, Customer>, round: AsyncIterable<DeltaChange<C>>): Promise<DeltaChange<C>[]> {
  const seen: DeltaChange<C>[] = [];
  for await (const change of round) {
    seen.push(change);
    if (change.kind === "upsert") mirror.set(change.entity.id, change.entity);
    else if (change.kind === "delete") mirror.delete(change.id);
    else mirror.clear();
  }
  return seen;
}

async function serverRows(prefix: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const c of client().customers.list({ select: ["id", "displayName"], filter: (q) => q.number.startsWith(prefix) })) out.set(c.id, c.displayName ?? "");
  return out;
}
const names = (mirror: Map<string, Customer>) => new Map([...mirror].map(([id, c]) => [id, c.displayName ?? ""]));

describe("delta sync", () => {
  it("baseline in pages, then inserts, updates and deletions; the mirror equals the server each round", async () => {
    const company = client();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await company.customers.create({ number: `D-${i}`, displayName: `d ${i}` })).id);
    const mirror = new Map<string, Customer>();
    sentHeaders.length = 0;
    const baseline = company.customers.sync({ select: ["id", "number", "displayName"], filter: (q) => q.number.startsWith("D-"), maxPageSize: 5 });
    const first = await applyRound(mirror, baseline);
    expect(first.every((c) => c.kind === "upsert")).toBe(true);
    expect(first).toHaveLength(12);
    expect(baseline.requests).toBe(3);
    expect(baseline.deltaLink).toMatch(/\$deltatoken=/);
    expect(sentHeaders.length).toBe(3);
    expect(sentHeaders.every((h) => h.get("data-access-intent") === "ReadOnly" && /odata\.track-changes/.test(h.get("prefer") ?? ""))).toBe(true);
    expect(names(mirror)).toEqual(await serverRows("D-"));

    // Round 2: 2 updates, 1 insert, 2 deletes, 1 row leaves the filter (renumbered).
    await company.customers.byId(ids[0]!).update({ displayName: "changed 0" }, { ifMatch: "*" });
    await company.customers.byId(ids[1]!).update({ displayName: "changed 1" }, { ifMatch: "*" });
    const added = await company.customers.create({ number: "D-new", displayName: "new" });
    await company.customers.byId(ids[2]!).delete();
    await company.customers.byId(ids[3]!).delete();
    await company.customers.byId(ids[4]!).update({ number: "X-4" } as never, { ifMatch: "*" });
    const round2 = company.customers.sync({ deltaLink: baseline.deltaLink, maxPageSize: 2 });
    const second = await applyRound(mirror, round2);
    expect(second.filter((c) => c.kind === "upsert").map((c) => (c as { entity: Customer }).entity.id).sort()).toEqual([ids[0], ids[1], added.id].sort());
    expect(second.filter((c) => c.kind === "delete").map((c) => (c as { id: string }).id).sort()).toEqual([ids[2], ids[3], ids[4]].sort());
    expect(round2.requests).toBe(3);
    expect(names(mirror)).toEqual(await serverRows("D-"));

    // Round 3: nothing changed → no items, one request, a new link that still works.
    const round3 = company.customers.sync({ deltaLink: round2.deltaLink });
    expect(await applyRound(mirror, round3)).toEqual([]);
    expect(round3.requests).toBe(1);
    expect(round3.deltaLink).toBeDefined();
    expect(round3.deltaLink).not.toBe(round2.deltaLink);
  });

  it("a row changed while the baseline pages is not lost: it is in the baseline or the next round", async () => {
    const company = client();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await company.customers.create({ number: `P-${i}`, displayName: `p ${i}` })).id);
    const mirror = new Map<string, Customer>();
    const baseline = company.customers.sync({ filter: (q) => q.number.startsWith("P-"), maxPageSize: 2, select: ["id", "displayName"] });
    let changed = false;
    for await (const change of baseline) {
      if (change.kind === "upsert") mirror.set(change.entity.id, change.entity);
      if (!changed) {
        changed = true;
        // After the first page: change a row of a later page, and delete one of them.
        await company.customers.byId(ids[5]!).update({ displayName: "moved" }, { ifMatch: "*" });
        await company.customers.byId(ids[4]!).delete();
      }
    }
    await applyRound(mirror, company.customers.sync({ deltaLink: baseline.deltaLink }));
    expect(names(mirror)).toEqual(await serverRows("P-"));
    expect(mirror.get(ids[5]!)?.displayName).toBe("moved");
  });

  it("a delta link older than the retention is 410 Gone → ODataDeltaExpiredError, or a rebaseline on request", async () => {
    const company = client();
    await company.customers.create({ number: "E-1", displayName: "e" });
    const baseline = company.customers.sync({ filter: (q) => q.number.startsWith("E-") });
    const mirror = new Map<string, Customer>();
    await applyRound(mirror, baseline);
    mirror.set("stale-id", { id: "stale-id", displayName: "gone meanwhile" });
    offsetMs += 120_000;
    const expired = await applyRound(mirror, company.customers.sync({ deltaLink: baseline.deltaLink })).catch((e: unknown) => e);
    expect(expired).toBeInstanceOf(ODataDeltaExpiredError);
    expect((expired as ODataDeltaExpiredError).status).toBe(410);
    expect((expired as ODataDeltaExpiredError).baselineUrl).toMatch(/\/customers\?\$filter=/);
    const again = company.customers.sync({ deltaLink: baseline.deltaLink, onExpired: "rebaseline", filter: (q) => q.number.startsWith("E-") });
    const changes = await applyRound(mirror, again);
    expect(changes[0]).toEqual({ kind: "rebaseline", reason: "expired" });
    expect(names(mirror)).toEqual(await serverRows("E-"));
    expect(again.deltaLink).toBeDefined();
  });

  it("a tampered token is a 400, not silently a baseline", async () => {
    const link = `${client().customers.toUrl()}?$deltatoken=bm90LWEtdG9rZW4`;
    await expect(applyRound(new Map(), client().customers.sync({ deltaLink: link }))).rejects.toMatchObject({ status: 400 });
  });
});

describe("delta sync against a server without delta links (BC since v24)", () => {
  it("throws ODataDeltaUnsupportedError before yielding anything", async () => {
    const plain = await startEmulatorFixture();
    try {
      const round = plain.client().company(plain.companyId).customers.sync();
      const seen: unknown[] = [];
      const error = await (async () => {
        for await (const c of round) seen.push(c);
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ODataDeltaUnsupportedError);
      expect(seen).toEqual([]);
      expect(round.deltaLink).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});
