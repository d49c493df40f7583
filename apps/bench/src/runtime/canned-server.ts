import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ConsumerTarget } from "../../consumers/consumer-target.js";
import { company, customer, ids, item, salesOrder } from "./canned-data.js";

export interface BenchServer {
  readonly kind: string;
  readonly target: ConsumerTarget;
  /** request lines seen so far (method + path), for checking what each client sent */
  readonly requests: string[];
  close(): Promise<void>;
}

const tenant = "bench-tenant";
const environment = "production";

/**
 * A minimal BC stand-in on 127.0.0.1:0 (node:http) answering canned JSON for the five queries. It
 * honours $select and $top; other options do not change the rows. Answers are cached per URL
 * shape, so the server's own cost is the same for every client.
 */
export async function startCannedServer(): Promise<BenchServer> {
  const requests: string[] = [];
  const rows = {
    companies: [company],
    customers: Array.from({ length: 20 }, (_, i) => customer(i)),
    customer: customer(0),
    items: Array.from({ length: 10 }, (_, i) => item(i)),
    salesOrders: Array.from({ length: 3 }, (_, i) => salesOrder(i)),
  };
  const cache = new Map<string, Buffer>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = decodeURIComponent(url.pathname);
    const pick =
      /\/customers\([^)]*\)$/.test(path) ? rows.customer
      : /\/customers$/.test(path) ? rows.customers
      : /\/items$/.test(path) ? rows.items
      : /\/salesOrders$/.test(path) ? rows.salesOrders
      : /\/companies$/.test(path) ? rows.companies
      : null;
    if (req.headers.authorization !== "Bearer bench-token") return send(res, 401, body({ error: { code: "Unauthorized", message: "bad token" } }));
    if (req.method !== "GET" || !pick) return send(res, 404, body({ error: { code: "BadRequest_NotFound", message: `no canned answer for ${req.method} ${path}` } }));
    const key = `${path}?${url.searchParams.get("$select")}&${url.searchParams.get("$top")}`;
    let payload = cache.get(key);
    if (!payload) cache.set(key, (payload = body(shape(pick, url.searchParams))));
    send(res, 200, payload);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    kind: "canned node:http server (apps/bench/src/runtime/canned-server.ts)",
    target: {
      serviceRoot: `http://127.0.0.1:${port}/v2.0/${tenant}/${environment}/api/v2.0`,
      companyId: ids.company,
      customerId: ids.customer,
      token: "bench-token",
    },
    requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Applies $select and $top, as BC would; $filter/$orderby/$expand are not evaluated (canned rows). */
function shape(rows: Record<string, unknown> | Record<string, unknown>[], params: URLSearchParams): unknown {
  const select = params.get("$select")?.split(",").map((s) => s.trim());
  const project = (row: Record<string, unknown>) =>
    select ? Object.fromEntries(Object.entries(row).filter(([k]) => k === "@odata.etag" || select.includes(k))) : row;
  if (!Array.isArray(rows)) return project(rows);
  const top = params.get("$top");
  return { value: rows.slice(0, top ? Number(top) : undefined).map(project) };
}

function body(value: unknown): Buffer {
  return Buffer.from(JSON.stringify({ "@odata.context": "http://127.0.0.1/$metadata", ...(value as object) }));
}

function send(res: ServerResponse, status: number, payload: Buffer): void {
  res.writeHead(status, {
    "content-type": "application/json; odata.metadata=minimal; odata.streaming=true",
    "content-length": payload.length,
    "odata-version": "4.0",
  });
  res.end(payload);
}
