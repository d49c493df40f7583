// Every fault kind the emulator injects, through every operation, over real HTTP: what is thrown is a
// named class (never a raw TypeError/SyntaxError), and a failed write states its outcome.
import { createServer } from "node:net";
import { faultAnswers, type FaultAction, type FaultMatch } from "@bcts/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ODataError, ODataNetworkError, ODataRequestError, ODataResponseError, ODataThrottledError, ODataTimeoutError, type WriteOutcome } from "../src/index.js";
import { startEmulatorFixture, type ApiClient, type EmulatorFixture } from "./support/emulator-fixture.js";

let f: EmulatorFixture;
beforeAll(async () => {
  f = await startEmulatorFixture();
});
afterAll(async () => {
  await f?.close();
});

type Company = ReturnType<ApiClient["company"]>;
interface Operation {
  readonly write: boolean;
  readonly match: FaultMatch;
  /** Builds what the operation needs (without faults) and returns the call to sweep. */
  prepare(company: Company, n: number): Promise<(company: Company) => Promise<unknown>>;
}

const customer = async (company: Company, n: number) => company.customers.create({ displayName: `sweep ${n}` });
const operations: Record<string, Operation> = {
  get: { write: false, match: { method: "GET", path: /\/customers\([^)]*\)$/ }, prepare: async (c, n) => { const x = await customer(c, n); return (k) => k.customers.byId(x.id).get(); } },
  list: { write: false, match: { method: "GET", path: /\/customers$/ }, prepare: async () => (k) => k.customers.list({ top: 3 }).next() },
  create: { write: true, match: { method: "POST", path: /\/customers$/ }, prepare: async (_, n) => (k) => k.customers.create({ displayName: `sweep new ${n}` }) },
  update: { write: true, match: { method: "PATCH", path: /\/customers\(/ }, prepare: async (c, n) => { const x = await customer(c, n); return (k) => k.customers.byId(x.id).update({ displayName: `sweep upd ${n}` }, { entity: x }); } },
  delete: { write: true, match: { method: "DELETE", path: /\/customers\(/ }, prepare: async (c, n) => { const x = await customer(c, n); return (k) => k.customers.byId(x.id).delete({ entity: x }); } },
  action: {
    write: true,
    match: { method: "POST", path: /shipAndInvoice$/ },
    prepare: async (c) => {
      let customerNumber = "";
      for await (const x of c.customers.list({ select: ["number"], filter: (q) => q.number.ne(null), top: 1 })) customerNumber = x.number ?? "";
      let itemNumber = "";
      for await (const i of c.items.list({ select: ["number"], filter: (q) => q.number.ne(null), top: 1 })) itemNumber = i.number ?? "";
      const order = await c.salesOrders.create({ customerNumber, salesOrderLines: [{ lineType: "Item", lineObjectNumber: itemNumber, quantity: 1 }] });
      return (k) => k.salesOrders.byId(order.id).shipAndInvoice();
    },
  },
  upload: {
    write: true,
    match: { method: "PATCH", path: /pictureContent$/ },
    prepare: async (c, n) => { const item = await c.items.create({ displayName: `sweep item ${n}` }); return (k) => k.items.byId(item.id).picture.pictureContent.upload(new Uint8Array([1, 2, 3]), { ifMatch: "*" }); },
  },
  download: {
    write: false,
    match: { method: "GET", path: /pictureContent$/ },
    prepare: async (c, n) => { const item = await c.items.create({ displayName: `sweep item ${n}` }); await c.items.byId(item.id).picture.pictureContent.upload(new Uint8Array([1, 2, 3]), { ifMatch: "*" }); return (k) => k.items.byId(item.id).picture.pictureContent.download(); },
  },
  batch: { write: true, match: { method: "POST", path: /\/\$batch$/ }, prepare: async (_, n) => (k) => k.batch((b) => [b.customers.create({ displayName: `sweep batch ${n}` })]) },
};

type Expected = "ok" | typeof ODataThrottledError | typeof ODataError | typeof ODataNetworkError | typeof ODataResponseError | typeof ODataTimeoutError;
const all = (e: Expected): Record<string, Expected> => Object.fromEntries(Object.keys(operations).map((k) => [k, e]));
/** JSON-reading operations fail; those that expect no body (delete, action, upload) or bytes (download) succeed. */
const jsonReaders = (e: Expected): Record<string, Expected> => ({ ...all(e), delete: "ok", action: "ok", upload: "ok", download: "ok" });

const faults: Record<string, { action?: FaultAction; expected: Record<string, Expected>; client?: "refused" | "timeout" | "short-deadline" }> = {
  "503": { action: { kind: "status", status: 503, code: "ServiceUnavailable" }, expected: all(ODataThrottledError), client: "short-deadline" },
  "429": { action: { kind: "status", status: 429, code: "Application_TooManyRequests" }, expected: all(ODataThrottledError), client: "short-deadline" },
  "gateway 504 after processing": { action: { kind: "gateway", status: 504, afterProcessing: true }, expected: all(ODataError) },
  "gateway 502": { action: { kind: "gateway", status: 502 }, expected: all(ODataError) },
  "lost response after processing": { action: { kind: "lostResponse" }, expected: all(ODataNetworkError) },
  "reset before processing": { action: { kind: "resetBeforeProcessing" }, expected: all(ODataNetworkError) },
  "truncated JSON": { action: { kind: "malformedBody" }, expected: jsonReaders(ODataResponseError) },
  "HTML page with 200": { action: faultAnswers.htmlPage(), expected: { ...all(ODataResponseError), download: "ok" } },
  "XML body with 200": { action: faultAnswers.xmlBody(), expected: { ...all(ODataResponseError), download: "ok" } },
  '{"value":"abc"}': { action: faultAnswers.valueNotArray(), expected: jsonReaders(ODataResponseError) },
  "JSON array": { action: faultAnswers.arrayBody(), expected: { ...jsonReaders(ODataResponseError), action: "ok" } },
  "empty 200": { action: faultAnswers.empty200(), expected: jsonReaders(ODataResponseError) },
  "token rejected (401)": { action: { kind: "expireToken" }, expected: all(ODataError) },
  "connection refused": { expected: all(ODataNetworkError), client: "refused" },
  "timeout": { action: { kind: "latency", ms: 400 }, expected: all(ODataTimeoutError), client: "timeout" },
};

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

const cases = Object.keys(faults).flatMap((fault) => Object.keys(operations).map((op) => [fault, op] as const));
let n = 0;
const tally = new Map<string, number>();

describe("fault sweep: every fault kind × every operation", () => {
  it.each(cases)("%s → %s", async (faultName, opName) => {
    const fault = faults[faultName]!;
    const op = operations[opName]!;
    const expected = fault.expected[opName]!;
    const setup = f.client().company(f.companyId);
    const run = await op.prepare(setup, n++);
    const client =
      fault.client === "refused"
        ? f.client({ baseUrl: await closedPortUrl() })
        : fault.client === "timeout"
          ? f.client({ timeoutInMs: 100, retry: { maxRetries: 1, retryDelayInMs: 1, maxRetryDelayInMs: 1, deadlineInMs: 10_000 } })
          : fault.client === "short-deadline"
            ? f.client({ retry: { maxRetries: 2, retryDelayInMs: 1, maxRetryDelayInMs: 2, deadlineInMs: 120 } })
            : f.client();
    const handle = fault.action === undefined ? undefined : f.emu.bc.faults.add({ match: op.match, action: fault.action });
    let outcome: unknown;
    try {
      outcome = await run(client.company(f.companyId)).then(() => "ok", (e: unknown) => e);
    } finally {
      handle?.remove();
    }
    if (fault.action !== undefined && fault.client !== "refused") expect(handle!.hits).toBeGreaterThan(0);
    if (expected === "ok") {
      expect(outcome).toBe("ok");
      tally.set("ok", (tally.get("ok") ?? 0) + 1);
      return;
    }
    expect(outcome).toBeInstanceOf(expected);
    const error = outcome as ODataRequestError;
    expect(error.constructor).toBe(expected); // the exact class, not only a subclass
    tally.set(error.name, (tally.get(error.name) ?? 0) + 1);
    expect(error.method).toMatch(/^(GET|POST|PATCH|DELETE)$/);
    expect(error.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2\.0\//);
    expect(error.clientRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.attempts).toBeGreaterThanOrEqual(1);
    expect(error.message).not.toMatch(/Bearer |eyJ/);
    const allowed: readonly (WriteOutcome | undefined)[] = op.write ? ["not-applied", "unknown", "applied"] : [undefined];
    expect(allowed).toContain(error.outcome);
  });

  afterAll(() => {
    console.log(`fault sweep: ${cases.length} cases — ${[...tally].map(([k, v]) => `${k} ${v}`).join(", ")}`);
  });
});
