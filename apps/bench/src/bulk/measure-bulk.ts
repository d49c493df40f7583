import { loadavg } from "node:os";
import { ClientSecretProvider } from "@bcts/auth";
import { cronusCompanyId } from "@bcts/emulator";
import { createBusinessCentralClient } from "@bcts/client";
import { InProcessLimiter } from "@bcts/odata";
import { median } from "../process/median.js";
import type { SyncMemoryPoint } from "./measure-sync-memory.js";
import { startEmulatorProcess, type EmulatorProcess } from "../process/emulator-process.js";

/** Figures of the bulk/delta section (issue 17). */
export interface BulkFigures {
  readonly records: number;
  readonly latencyInMs: number;
  readonly maxConcurrency: number;
  /** The median of `bulkWallsInMs`. */
  readonly bulkWallInMs: number;
  /** One wall time per run, in run order (a busy moment on the shared machine hits one run, not the median). */
  readonly bulkWallsInMs: readonly number[];
  /** `$batch` requests of one run. */
  readonly bulkRequests: number;
  /** ⌈records / 100⌉ batches, `maxConcurrency` at a time, each taking `latencyInMs`. */
  readonly bulkMinimumInMs: number;
  /** CPU time during the `createMany` runs, all together: the bench process (the client) and the emulator's child process. */
  readonly bulkClientCpuInMs: number;
  readonly bulkEmulatorCpuInMs: number;
  /** 1-minute load average when the first `createMany` started (the machine is shared; its wall time is sensitive to it). */
  readonly bulkLoadAverage: number;
  /**
   * One more run against an emulator that processes each batch *after* the latency (so its CPU adds to
   * every batch, and one thread's worth of it to every wave): the stricter model, shown beside the main one.
   */
  readonly bulkProcessingAfterWallInMs: number;
  readonly singleRecords: number;
  readonly singleWallInMs: number;
  /** Per-record POSTs measured on `singleRecords`, scaled linearly to `records`. */
  readonly singleScaledInMs: number;
  readonly baselineRequests: number;
  readonly changed: number;
  readonly deltaRequests: number;
  readonly deltaChanges: number;
  readonly pageSize: number;
}

/**
 * Against the emulator (in a child process of its own) with BC's per-identity limits (5 at once) and a
 * fixed latency per request:
 * 1. createMany of `records` items (chunks of 100, concurrency 5), `bulkRuns` times with new items each
 *    time, the median vs the limit-derived minimum;
 * 2. one POST per record for `singleRecords` (same limits), scaled to `records`;
 * 3. a delta sync baseline of the items, 1 % updated, then a delta round: requests sent.
 */
export async function measureBulk(log: (message: string) => void, records = 10_000, singleRecords = 500, latencyInMs = 200, bulkRuns = 3): Promise<BulkFigures> {
  const maxConcurrency = 5;
  const pageSize = 1_000;
  const startEmulator = (processing: "after" | "during") => startEmulatorProcess({
    changeTracking: true,
    limits: { maxConcurrent: maxConcurrency, maxRequestsPerWindow: 6_000, windowMs: 300_000 },
    latency: { pathPattern: "\\$batch$|/items$", ms: latencyInMs, processing },
  });
  const companyOf = async (emu: EmulatorProcess) => {
    const credential = new ClientSecretProvider({ tenantId: emu.tenantId, clientId: emu.clientId, clientSecret: emu.clientSecret, authorityHost: emu.authorityHost, ca: emu.caPem });
    await credential.getToken();
    const bc = createBusinessCentralClient({ tenantId: emu.tenantId, environment: emu.environment, baseUrl: emu.bcBaseUrl, credential, limiter: new InProcessLimiter(), limits: { maxConcurrency, maxRequestsPerWindow: 6_000, windowInMs: 300_000 } });
    return bc.company(cronusCompanyId);
  };
  const createManyOnce = async (company: Awaited<ReturnType<typeof companyOf>>, run: number): Promise<{ readonly wallInMs: number; readonly requests: number }> => {
    const rows = Array.from({ length: records }, (_, i) => ({ number: `BI${run}-${i}`, displayName: `bench item ${run}-${i}`, type: "Inventory" as const, unitPrice: i }));
    const started = performance.now();
    const bulk = await company.items.createMany(rows, { concurrency: maxConcurrency });
    const wallInMs = performance.now() - started;
    if (bulk.ok !== records) throw new Error(`createMany: ${bulk.ok} of ${records} ok`);
    return { wallInMs, requests: bulk.requests };
  };

  log(`  createMany, processing after the latency: ${records} items, ${maxConcurrency} at once, ${latencyInMs} ms per request`);
  const strict = await startEmulator("after");
  const bulkProcessingAfterWallInMs = await createManyOnce(await companyOf(strict), 0).finally(() => strict.close()).then((r) => r.wallInMs);

  const emu = await startEmulator("during");
  try {
    const company = await companyOf(emu);

    const bulkLoadAverage = loadavg()[0]!;
    const emulatorCpuBefore = (await emu.usage()).cpuInMs;
    const clientCpuBefore = process.cpuUsage();
    const bulkWallsInMs: number[] = [];
    let bulkRequests = 0;
    for (let run = 0; run < bulkRuns; run++) {
      log(`  createMany ${run + 1}/${bulkRuns}: ${records} items, ${maxConcurrency} at once, ${latencyInMs} ms per request`);
      const once = await createManyOnce(company, run);
      bulkWallsInMs.push(once.wallInMs);
      bulkRequests = once.requests;
    }
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const bulkEmulatorCpuInMs = (await emu.usage()).cpuInMs - emulatorCpuBefore;

    log(`  one POST per record: ${singleRecords} items`);
    const started = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: maxConcurrency }, async () => {
      while (next < singleRecords) {
        const i = next++;
        await company.items.create({ number: `BS${i}`, displayName: `bench single ${i}`, type: "Inventory", unitPrice: i });
      }
    }));
    const singleWallInMs = performance.now() - started;

    log("  delta sync: baseline, 1 % changed, delta round");
    const baseline = company.items.sync({ select: ["id", "displayName", "unitPrice"], maxPageSize: pageSize });
    const ids: string[] = [];
    for await (const change of baseline) if (change.kind === "upsert") ids.push(change.entity.id);
    const changed = Math.round(ids.length / 100);
    await company.items.updateMany(ids.slice(0, changed).map((id) => ({ key: id, patch: { unitPrice: 1 }, ifMatch: "*" as const })), { concurrency: maxConcurrency });
    const round = company.items.sync({ deltaLink: baseline.deltaLink, maxPageSize: pageSize });
    let deltaChanges = 0;
    for await (const _ of round) deltaChanges++;
    return {
      records, latencyInMs, maxConcurrency, bulkWallInMs: median(bulkWallsInMs), bulkWallsInMs, bulkRequests,
      bulkMinimumInMs: Math.ceil(Math.ceil(records / 100) / maxConcurrency) * latencyInMs,
      bulkClientCpuInMs: (clientCpu.user + clientCpu.system) / 1000, bulkEmulatorCpuInMs, bulkLoadAverage, bulkProcessingAfterWallInMs,
      singleRecords, singleWallInMs, singleScaledInMs: (singleWallInMs * records) / singleRecords,
      baselineRequests: baseline.requests, changed, deltaRequests: round.requests, deltaChanges, pageSize,
    };
  } finally {
    await emu.close();
  }
}

export const BULK_START = "<!-- bench:bulk:start -->";
export const BULK_END = "<!-- bench:bulk:end -->";

export function bulkSection(f: BulkFigures, memory: readonly SyncMemoryPoint[], at: string): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return [
    BULK_START,
    "## Bulk writes and delta sync (issue 17)",
    "",
    `Measured ${at} (load average ${loadavg().map((l) => l.toFixed(1)).join(" / ")} at the end) with \`pnpm bench -- --only bulk\` against the emulator: BC's per-identity limit of ${f.maxConcurrency} requests at once, and BC answering each request ${f.latencyInMs} ms after it came in, its own work included (the emulator's latency fault with \`processing: "during"\`; the same for a \`$batch\` of 100 as for one POST — real BC takes longer for a batch, so the speed-up on BC is smaller than here).`,
    "",
    "| measurement | result |",
    "|---|---|",
    `| \`createMany\` of ${f.records.toLocaleString("en")} items, median of ${f.bulkWallsInMs.length} runs | ${s(f.bulkWallInMs)} in ${f.bulkRequests} \`$batch\` requests (runs: ${f.bulkWallsInMs.map(s).join(", ")}; load average ${f.bulkLoadAverage.toFixed(1)} at the first) |`,
    `| limit-derived minimum (⌈${f.records}/100⌉ batches, ${f.maxConcurrency} at once, ${f.latencyInMs} ms each) | ${s(f.bulkMinimumInMs)} |`,
    `| ratio to the minimum (goal ≤ 1.2) | ${(f.bulkWallInMs / f.bulkMinimumInMs).toFixed(2)} |`,
    `| the same, one run, with the emulator processing each batch *after* the ${f.latencyInMs} ms (its CPU on top of every batch) | ${s(f.bulkProcessingAfterWallInMs)}, ${(f.bulkProcessingAfterWallInMs / f.bulkMinimumInMs).toFixed(2)} of the minimum |`,
    `| CPU time during \`createMany\`: client (bench process) / emulator (child process) | ${(f.bulkClientCpuInMs / (f.bulkRequests * f.bulkWallsInMs.length)).toFixed(1)} ms / ${(f.bulkEmulatorCpuInMs / (f.bulkRequests * f.bulkWallsInMs.length)).toFixed(1)} ms per batch of 100 |`,
    `| one POST per record, ${f.singleRecords.toLocaleString("en")} items (${f.maxConcurrency} at once) | ${s(f.singleWallInMs)}; scaled to ${f.records.toLocaleString("en")}: ${s(f.singleScaledInMs)} |`,
    `| speed-up of \`createMany\` over one POST per record | ${(f.singleScaledInMs / f.bulkWallInMs).toFixed(1)}× |`,
    `| delta sync baseline (page size ${f.pageSize}) | ${f.baselineRequests} requests |`,
    `| delta round after ${f.changed} of them changed (1 %) | ${f.deltaRequests} request(s), ${f.deltaChanges} changes |`,
    ...memory.map((m) => `| delta sync baseline of ${m.records.toLocaleString("en")} items (pages of 1,000, no injected latency): heap after GC at the first page → highest later; time | ${(m.firstSampleBytes / 1_048_576).toFixed(1)} MB → ${(m.peakRetainedBytes / 1_048_576).toFixed(1)} MB; ${s(m.wallInMs)} in ${m.requests} requests |`),
    "",
    `The emulator runs in a child process of its own, so the client's work and the emulator's overlap on two cores. Each batch holds one of the ${f.maxConcurrency} slots until its answer is read, and the client then sends the slot's next chunk; so the wall time exceeds the minimum by one round trip and the client's work per wave, and more on a busy machine. Why the main figure lets BC's work happen inside the ${f.latencyInMs} ms: BC runs an identity's ${f.maxConcurrency} requests in parallel, while the emulator is one Node thread. Processing after the latency, a wave's ${f.maxConcurrency} batches (the CPU row each) run one after another, and requests sent meanwhile are seen only when the thread is free, so the waves stay bunched and every wave is longer by the whole wave's processing — a cost of emulating BC on one thread, not of the client (the second ratio row). With the emulator in the bench's own process (as before), the client's work was added to that as well. Items are created with their \`number\` given: the emulator's number series scans the table per create, which made 10,000 unnumbered creates CPU-bound on the emulator. How long BC takes for a \`$batch\` of 100 creates is [UNK]; here it is the same latency as one POST. Heap is the bench process's (the client's) only, sampled after a forced GC at every 1,000th record, so flat memory shows as the highest sample staying at the first one. The 100,000-record time is mostly the emulator re-scanning its table for every page of a change-tracking round.`,
    BULK_END,
  ].join("\n");
}
