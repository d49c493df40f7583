// ≥500 mixed writes over real HTTP against the emulator's probabilistic faults (seeded), checked
// against the server's rows afterwards: (a) no duplicates, (b) ok → on the server, (c) not-applied →
// not on the server, (d) committed but reported failed → outcome never "not-applied". The counts are
// printed (docs/errors-and-retries.md quotes a run); nothing below hard-codes them.
import { faultAnswers, seededRandom, type FaultAction } from "@bcts/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ODataConcurrencyError, writeOutcomeOf, type WriteOutcome } from "../src/index.js";
import { startEmulatorFixture, type ApiClient, type EmulatorFixture } from "./support/emulator-fixture.js";

let f: EmulatorFixture;
beforeAll(async () => {
  f = await startEmulatorFixture();
});
afterAll(async () => {
  await f?.close();
});

/** Fault mix per write method; each rule draws from the seeded random, the first that fires decides. */
const mix: ReadonlyArray<readonly [FaultAction, number]> = [
  [{ kind: "lostResponse" }, 0.08],
  [{ kind: "resetBeforeProcessing" }, 0.05],
  [{ kind: "gateway", status: 504, afterProcessing: true }, 0.05],
  [{ kind: "gateway", status: 502 }, 0.03],
  [{ kind: "status", status: 503, code: "ServiceUnavailable" }, 0.04],
  [{ kind: "status", status: 429, code: "Application_TooManyRequests", retryAfterSeconds: 0 }, 0.04],
  [{ kind: "malformedBody" }, 0.04],
  [faultAnswers.htmlPage(false), 0.03],
  [faultAnswers.xmlBody(false), 0.02],
  [faultAnswers.valueNotArray(true), 0.03],
  [faultAnswers.empty200(true), 0.02],
  [{ kind: "status", status: 400, code: "Application_FieldValidationException", message: "Injected validation error" }, 0.03],
];

type Kind = "create" | "createOrFind" | "update" | "delete";
interface Reported {
  readonly kind: Kind;
  readonly number: string;
  readonly ok: boolean;
  readonly outcome: WriteOutcome | undefined;
  readonly errorName: string | undefined;
  readonly newName?: string;
  readonly oldName?: string;
}

async function pool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

async function serverRows(company: ReturnType<ApiClient["company"]>): Promise<Map<string, string[]>> {
  const rows = new Map<string, string[]>();
  for await (const c of company.customers.list({ select: ["number", "displayName"], filter: (q) => q.number.startsWith("W-") })) {
    rows.set(c.number!, [...(rows.get(c.number!) ?? []), c.displayName ?? ""]);
  }
  return rows;
}

describe("write outcomes under faults", () => {
  it("520 mixed writes: no duplicates, ok is applied, not-applied is not, committed failures are never not-applied", { timeout: 120_000 }, async () => {
    const started = Date.now();
    const clean = f.client().company(f.companyId);
    // Setup without faults: rows to update and rows to delete.
    const existing = new Map<string, { id: string; etag: string; name: string }>();
    await pool(Array.from({ length: 180 }, (_, i) => i), 6, async (i) => {
      const number = `W-S${i}`;
      const c = await clean.customers.create({ number, displayName: `start ${i}` });
      existing.set(number, { id: c.id, etag: c["@odata.etag"]!, name: `start ${i}` });
    });

    const setupDone = Date.now();
    f.emu.bc.faults.useRandom(seededRandom(2026));
    for (const method of ["POST", "PATCH", "DELETE"]) {
      for (const [action, probability] of mix) f.emu.bc.faults.add({ match: { method, path: "/customers" }, action, probability });
    }
    const company = f.client().company(f.companyId);
    const reported: Reported[] = [];
    const failed = (e: unknown) => ({ ok: false, outcome: writeOutcomeOf(e), errorName: (e as Error).name });
    const jobs: Array<() => Promise<void>> = [];
    for (let i = 0; i < 170; i++) {
      const number = `W-C${i}`;
      jobs.push(async () => {
        const r = await company.customers.create({ number, displayName: `new ${i}` }).then(() => ({ ok: true, outcome: undefined, errorName: undefined }), failed);
        reported.push({ kind: "create", number, ...r });
      });
    }
    for (let i = 0; i < 170; i++) {
      const number = `W-F${i}`;
      jobs.push(async () => {
        const r = await company.customers.createOrFind({ number, displayName: `found ${i}` }, { key: "number" }).then(() => ({ ok: true, outcome: undefined, errorName: undefined }), failed);
        reported.push({ kind: "createOrFind", number, ...r });
      });
    }
    const retriedPatches: Array<{ readonly conflict: boolean; readonly outcome: WriteOutcome | undefined }> = [];
    for (let i = 0; i < 90; i++) {
      const number = `W-S${i}`;
      const row = existing.get(number)!;
      jobs.push(async () => {
        const newName = `updated ${i}`;
        const send = () => company.customers.byId(row.id).update({ displayName: newName }, { etag: row.etag });
        const r = await send().then(() => ({ ok: true, outcome: undefined, errorName: undefined }), failed);
        reported.push({ kind: "update", number, newName, oldName: row.name, ...r });
        // What a sync job does next: send the same change again with the same ETag.
        if (r.outcome === "unknown") {
          await send().then(
            () => retriedPatches.push({ conflict: false, outcome: undefined }),
            (e: unknown) => retriedPatches.push({ conflict: e instanceof ODataConcurrencyError, outcome: writeOutcomeOf(e) }),
          );
        }
      });
    }
    for (let i = 90; i < 180; i++) {
      const number = `W-S${i}`;
      const row = existing.get(number)!;
      jobs.push(async () => {
        const r = await company.customers.byId(row.id).delete({ etag: row.etag }).then(() => ({ ok: true, outcome: undefined, errorName: undefined }), failed);
        reported.push({ kind: "delete", number, ...r });
      });
    }
    await pool(jobs, 4, (job) => job());
    f.emu.bc.faults.clear();
    console.log(`write outcomes: setup ${setupDone - started} ms, faulted writes ${Date.now() - setupDone} ms`);

    const rows = await serverRows(clean);
    const counts: Record<string, number> = { writes: reported.length, duplicates: 0, okApplied: 0, okMissing: 0, notAppliedAbsent: 0, notAppliedPresent: 0, committedFailedUnknown: 0, committedFailedApplied: 0, committedFailedNotApplied: 0, uncommittedFailedUnknown: 0 };
    const byError: Record<string, number> = {};
    for (const r of reported) {
      const names = rows.get(r.number) ?? [];
      if (names.length > 1) counts.duplicates!++;
      // Whether this write took effect on the server.
      const applied = r.kind === "delete" ? names.length === 0 : r.kind === "update" ? names[0] === r.newName : names.length === 1;
      if (r.ok) counts[applied ? "okApplied" : "okMissing"]!++;
      else {
        byError[r.errorName!] = (byError[r.errorName!] ?? 0) + 1;
        if (r.outcome === "not-applied") counts[applied ? "notAppliedPresent" : "notAppliedAbsent"]!++;
        else if (applied) counts[r.outcome === "applied" ? "committedFailedApplied" : "committedFailedUnknown"]!++;
        else counts.uncommittedFailedUnknown!++;
        if (applied && r.outcome === "not-applied") counts.committedFailedNotApplied!++;
      }
    }
    counts.retriedPatchConflicts = retriedPatches.filter((p) => p.conflict).length;
    counts.retriedPatchConflictsUnknown = retriedPatches.filter((p) => p.conflict && p.outcome === "unknown").length;
    console.log(`write outcomes: ${JSON.stringify({ ...counts, byError })}`);

    expect(reported.length).toBeGreaterThanOrEqual(500);
    expect(counts.duplicates).toBe(0); // (a)
    expect(counts.okMissing).toBe(0); // (b)
    expect(counts.notAppliedPresent).toBe(0); // (c)
    expect(counts.committedFailedNotApplied).toBe(0); // (d)
    // Every failure said what happened: no write left without an outcome.
    expect(reported.filter((r) => !r.ok && r.outcome === undefined)).toEqual([]);
    // The faults did bite: there were failures of each outcome, and committed ones among them.
    expect(counts.committedFailedUnknown! + counts.committedFailedApplied!).toBeGreaterThan(0);
    expect(counts.notAppliedAbsent).toBeGreaterThan(0);
    // createOrFind never leaves a duplicate and (with lookups fault-free) always ends with its record.
    expect(reported.filter((r) => r.kind === "createOrFind" && r.ok).length).toBeGreaterThan(120);
    // A PATCH sent again after a lost answer that meets 409 says the first attempt may have applied.
    expect(retriedPatches.filter((p) => p.conflict && p.outcome !== "unknown")).toEqual([]);
  });
});
