import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { ClientSecretProvider } from "@bcts/auth";
import { cronusCompanyId } from "@bcts/emulator";
import { createBusinessCentralClient } from "@bcts/client";
import { startEmulatorProcess } from "../process/emulator-process.js";

export interface SyncMemoryPoint {
  readonly records: number;
  /** Heap used after a full GC at the first sample (1,000th record) and the highest at any later sample (every 1,000th record). */
  readonly firstSampleBytes: number;
  readonly peakRetainedBytes: number;
  readonly wallInMs: number;
  readonly requests: number;
}

/**
 * A delta-sync baseline of 10,000 and then 100,000 items (pages of 1,000): the heap retained while the
 * loop runs should not grow with the record count (one page at a time). The emulator runs in a child
 * process, so the heap measured here is the client's only.
 */
export async function measureSyncMemory(log: (message: string) => void, sizes: readonly number[] = [10_000, 100_000]): Promise<SyncMemoryPoint[]> {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const emu = await startEmulatorProcess({ changeTracking: true });
  try {
    const credential = new ClientSecretProvider({ tenantId: emu.tenantId, clientId: emu.clientId, clientSecret: emu.clientSecret, authorityHost: emu.authorityHost, ca: emu.caPem });
    const bc = createBusinessCentralClient({ tenantId: emu.tenantId, environment: emu.environment, baseUrl: emu.bcBaseUrl, credential });
    const company = bc.company(cronusCompanyId);
    const points: SyncMemoryPoint[] = [];
    // In a function of its own so the input and the result are garbage before the sync starts.
    const seed = async (count: number, from: number): Promise<void> => {
      const rows = Array.from({ length: count }, (_, i) => ({ number: `M${from + i}`, displayName: `memory item ${from + i}`, type: "Inventory" as const }));
      const result = await company.items.createMany(rows, { concurrency: 5 });
      if (result.ok !== rows.length) throw new Error(`seeding: ${result.ok} of ${rows.length} ok`);
    };
    let created = 0;
    for (const size of sizes) {
      log(`  sync memory: seeding ${size} items`);
      await seed(size - created, created);
      created = size;
      let first = 0;
      let peak = 0;
      let seen = 0;
      const started = performance.now();
      const round = company.items.sync({ select: ["id", "number", "displayName"], maxPageSize: 1_000 });
      for await (const _ of round) {
        if (++seen % 1_000 === 0) {
          gc();
          const used = process.memoryUsage().heapUsed;
          if (first === 0) first = used;
          peak = Math.max(peak, used);
        }
      }
      points.push({ records: seen, firstSampleBytes: first, peakRetainedBytes: peak, wallInMs: performance.now() - started, requests: round.requests });
      log(`  sync memory: ${seen} records, heap after GC ${(first / 1_048_576).toFixed(1)} MB at the first page, at most ${(peak / 1_048_576).toFixed(1)} MB later`);
    }
    return points;
  } finally {
    await emu.close();
  }
}
