import type { BulkFigures } from "./bulk/measure-bulk.js";
import type { BundleResult } from "./bundle/bundle-consumer.js";
import type { GenerationResult } from "./generation/measure-generation.js";
import type { GenerationStagesResult } from "./generation/measure-generation-stages.js";
import type { Measured } from "./measured.js";
import type { OverheadResult } from "./runtime/measure-overhead.js";
import type { RequestBreakdown } from "./runtime/measure-request-breakdown.js";
import type { SyncMemoryPoint } from "./bulk/measure-sync-memory.js";
import type { ToolId } from "./tools/tool-adapter.js";
import type { TypecheckResult } from "./typecheck/typecheck-project.js";
import type { ValueCostResult } from "./values/value-cost.js";

/** Everything one `pnpm bench` run measured; the report is rendered from this only. */
export interface BenchResults {
  readonly startedAt: string;
  readonly durationS: number;
  readonly machine: string;
  /** 1-minute load average at the start and at the end of the run */
  readonly load: readonly [number, number];
  readonly runs: number;
  readonly iterations: number;
  readonly tools: readonly { readonly id: ToolId; readonly label: string; readonly version: string; readonly unavailable: string | null }[];
  readonly otherVersions: string;
  readonly documents: readonly {
    readonly id: string;
    readonly label: string;
    readonly file: string;
    readonly kb: number;
    readonly declared: Readonly<Record<string, number>>;
  }[];
  readonly generation: readonly GenerationResult[];
  /** bcts's generation stage by stage, with and without the ts-morph code cache (issue 20) */
  readonly generationStages: readonly GenerationStagesResult[];
  readonly outputTypecheck: readonly { readonly tool: ToolId; readonly document: string; readonly result: Measured<TypecheckResult> }[];
  /** what served the runtime loops: the emulator (or why not) and the canned stub */
  readonly servers: { readonly emulator: string; readonly canned: string };
  readonly consumers: readonly {
    readonly tool: ToolId;
    readonly typecheck: Measured<TypecheckResult>;
    readonly bundle: Measured<BundleResult>;
    /** against the bcts emulator */
    readonly overhead: Measured<OverheadResult>;
    /** against the canned loopback stub (near-zero server cost: the worst case for relative overhead) */
    readonly overheadCanned: Measured<OverheadResult>;
  }[];
  /** `tsc --noEmit` of consumers/bcts-three-sets (three entity set modules through subpath exports; issue 4) */
  readonly threeSetConsumer: Measured<TypecheckResult>;
  /** the same program with @bcts/odata as installed (built dist .d.ts) and the generated modules as .ts sources */
  readonly threeSetConsumerInstalled: Measured<TypecheckResult>;
  /** issue 20: the five-query consumer with @bcts/client and @bcts/odata as installed (dist .d.ts) */
  readonly wholeClientInstalled: Measured<TypecheckResult>;
  /** an empty program with the same compiler options: tsc's fixed cost on this machine */
  readonly typecheckFloor: Measured<TypecheckResult>;
  /** issue 20: CPU per layer of one bcts request (in-memory fetch) */
  readonly requestBreakdown: Measured<RequestBreakdown>;
  /** issue 17/20: heap while paging 100,000 records (delta-sync baseline, pages of 1,000) */
  readonly syncMemory: readonly SyncMemoryPoint[];
  /** Issue 17's bulk figures (createMany of 10,000 against the limit-derived minimum). */
  readonly bulk?: BulkFigures;
  /** decoding a page / encoding a body with the codecs of `dates: "Date"` and `decimal: "string"` routes */
  readonly valueCost: Measured<ValueCostResult>;
}
