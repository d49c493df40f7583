import { measureOverhead } from "./measure-overhead.js";
import { measureRequestBreakdown } from "./measure-request-breakdown.js";
import { startCannedServer } from "./canned-server.js";
import { startEmulatorServer } from "./emulator-server.js";
import { warmUp } from "./warm-up.js";
import { requestBreakdownSection } from "../report/request-breakdown-section.js";

/**
 * `pnpm bench -- --only runtime`: bcts's request overhead over raw fetch on the emulator and the stub,
 * and the per-layer breakdown, printed (docs/benchmarks.md is rewritten only by the full run, where
 * the peers' consumers run too).
 */
export async function runRuntimeOnly(iterations: number, runs: number, log: (message: string) => void): Promise<void> {
  const canned = await startCannedServer();
  const emulator = await startEmulatorServer();
  try {
    for (const server of [emulator, canned]) await warmUp(server);
    for (const [where, server] of [["emulator", emulator], ["stub", canned]] as const) {
      const m = await measureOverhead("bcts", server, iterations, runs);
      log(m.ok ? `${where}: ${m.value.ratio.toFixed(3)}× raw fetch (${m.value.clientMs.toFixed(3)} ms vs ${m.value.rawMs.toFixed(3)} ms)` : `${where}: not measured: ${m.reason}`);
    }
  } finally {
    await canned.close();
    await emulator.close();
  }
  log("per-layer breakdown (in-memory fetch)");
  console.log(requestBreakdownSection(await measureRequestBreakdown()).join("\n"));
}
