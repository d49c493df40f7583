// A local HTTP server for benchmarks: a canned customers page, or generated pages of a large set.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface BenchServer {
  readonly origin: string;
  readonly root: string;
  close(): Promise<void>;
}

const COMPANY = "5d115c9c-44e3-ea11-bb43-000d3a2feca1";
export const BENCH_COMPANY = COMPANY;

function customer(i: number) {
  const id = `00000000-0000-0000-0000-${String(i).padStart(12, "0")}`;
  return { "@odata.etag": `W/"JzE5OzEyMzQ1Njc4OTAxMjM0NTY3ODkwMTE7MDA7Jw=="`, id, number: `C${i}`, displayName: `Customer ${i}`, type: "Company", balanceDue: i % 1000, blocked: "_x0020_", lastModifiedDateTime: "2025-01-01T00:00:00Z" };
}

/** `total` records in pages of Prefer: odata.maxpagesize (default 20 000), generated on the fly. */
export async function startBenchServer(total = 20): Promise<BenchServer> {
  const prefix = `/v2.0/t/production/api/v2.0`;
  let origin = "";
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url!, origin);
    const skip = Number(url.searchParams.get("$skiptoken") ?? 0);
    const size = Number(/odata\.maxpagesize=(\d+)/.exec(String(req.headers["prefer"] ?? ""))?.[1] ?? 20000);
    const end = Math.min(total, skip + size);
    const value = [];
    for (let i = skip; i < end; i++) value.push(customer(i));
    const next = end < total ? `${origin}${url.pathname}?$skiptoken=${end}` : undefined;
    const body = JSON.stringify({ "@odata.context": "x", value, ...(next ? { "@odata.nextLink": next } : {}) });
    res.writeHead(200, { "Content-Type": "application/json; odata.metadata=minimal", "Content-Length": Buffer.byteLength(body) });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, root: `${origin}${prefix}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function printTable(rows: ReadonlyArray<Record<string, string | number>>): void {
  const keys = Object.keys(rows[0]!);
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(line(keys));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(keys.map((k) => String(r[k]))));
}
