import type { Measured } from "../measured.js";
import type { RequestBreakdown } from "../runtime/measure-request-breakdown.js";

/** "Where a request's time goes": the layers of one bcts request, CPU per layer (issue 20). */
export function requestBreakdownSection(breakdown: Measured<RequestBreakdown>): string[] {
  const out = ["## Where a request's time goes (bcts, per layer)", ""];
  if (!breakdown.ok) return [...out, `Not measured: ${breakdown.reason}.`, ""];
  const { rows, batches, perBatch } = breakdown.value;
  out.push(
    `Query 2 of the consumer (customers with \`$select\` + \`$filter\`, 2 rows) sent through one more layer at a time, in the order the client composes them (\`packages/odata/src/client/request-executor.ts\`), against an in-memory \`fetch\` that answers at once — so each row is the CPU that layer adds, without the network or a server. ${batches} batches of ${perBatch} requests per variant, variants taking turns; the fastest batch counts (apps/bench/src/runtime/request-breakdown-child.ts). The last row is what the timed consumer call does.`,
    "",
    "| layer | µs per request | added |",
    "|---|---:|---:|",
  );
  let previous = 0;
  for (const [i, row] of rows.entries()) {
    const added = i === 0 ? "" : `${row.us - previous >= 0 ? "+" : ""}${(row.us - previous).toFixed(1)}`;
    out.push(`| ${row.label} | ${row.us.toFixed(1)} | ${added} |`);
    previous = row.us;
  }
  const raw = rows[0]?.us ?? 0;
  const client = rows.at(-1)?.us ?? 0;
  out.push("", `The client call costs ${(client - raw).toFixed(1)} µs of CPU more than raw \`fetch\` of the same answer; a loopback round trip to the stub takes about 1 ms, to Business Central tens to hundreds.`, "");
  return out;
}
