/** What decoding a page and encoding a body cost per variant (medians over batches, one child process). */
export interface ValueCostResult {
  readonly orders: number;
  readonly linesPerOrder: number;
  readonly pageBytes: number;
  readonly orderLines: number;
  readonly orderBytes: number;
  readonly warmupBatches: number;
  readonly batches: number;
  readonly pagesPerBatch: number;
  readonly writesPerBatch: number;
  /** values one decoded page holds as `Date`, and decimals turned into strings (counted, to show the codec ran) */
  readonly converted: { readonly dates: number; readonly decimals: number };
  readonly reads: readonly ValueCost[];
  readonly writes: readonly ValueCost[];
}

export interface ValueCost {
  /** "plain" (JSON.parse / JSON.stringify), "dates" or "datesDecimals" */
  readonly id: "plain" | "dates" | "datesDecimals";
  readonly code: string;
  /** median wall time per page (reads) or per body (writes), µs */
  readonly wallUs: number;
  /** median process CPU time (user + sys) per page or body, µs */
  readonly cpuUs: number;
}
