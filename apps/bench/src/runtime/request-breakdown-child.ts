// Child process: where a request's time goes, layer by layer (issue 20). The network is replaced by
// an in-memory `fetch` (globalThis.fetch answers a canned page at once), so what is timed is the CPU
// each layer adds. Layers are added one at a time in the order the client composes them
// (packages/odata/src/client/request-executor.ts); each variant is timed in batches, variants taking
// turns, and the fastest batch counts (the least disturbed by other work on the machine).
// Prints one JSON line: { rows: [{ id, label, us }], batches, perBatch }.
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createBusinessCentralClient } from "@bcts/client";
import { repoRoot } from "../paths.js";
// Internal modules of @bcts/odata, on purpose: each layer is composed here the way the executor does.
import { resolveClientOptions } from "../../../../packages/odata/src/client/resolve-client-options.js";
import { createRequestExecutor } from "../../../../packages/odata/src/client/request-executor.js";
import { readResponseBody } from "../../../../packages/odata/src/client/read-response-body.js";
import { BareRequest } from "../../../../packages/odata/src/pipeline/bare-request.js";
import { bindCallContext, type CallContext } from "../../../../packages/odata/src/pipeline/call-context.js";
import { composePipeline, type Policy } from "../../../../packages/odata/src/pipeline/policy.js";
import { retryPolicy } from "../../../../packages/odata/src/pipeline/retry-policy.js";
import { attemptTimeoutPolicy } from "../../../../packages/odata/src/pipeline/timeout-transport.js";
import { signalTransport } from "../../../../packages/odata/src/pipeline/transport.js";
import { bearerTokenPolicy } from "../../../../packages/odata/src/pipeline/bearer-token-policy.js";
import { redirectPolicy } from "../../../../packages/odata/src/pipeline/redirect-policy.js";
import { tokenPrefetch } from "../../../../packages/odata/src/pipeline/token-prefetch.js";
import { withTelemetry } from "../../../../packages/odata/src/telemetry/with-telemetry.js";
import { customer } from "./canned-data.js";

// openapi-fetch as @bcts/odata resolves it (the bench does not depend on it itself).
type CreateClient = <T>(options: Record<string, unknown>) => { request: unknown };
const odataRequire = createRequire(join(repoRoot, "packages", "odata", "package.json"));
const createClient = ((await import(pathToFileURL(odataRequire.resolve("openapi-fetch")).href)) as { default: CreateClient }).default;

const batches = Number(process.env["BENCH_BATCHES"] ?? 20);
const perBatch = Number(process.env["BENCH_PER_BATCH"] ?? 1000);
const root = "http://127.0.0.1:9/v2.0/bench-tenant/production/api/v2.0";
const companyId = "5d115c9c-44e3-ea11-bb43-000d3a2feca1";
const url = `${root}/companies(${companyId})/customers?$select=id,number,displayName&$filter=${encodeURIComponent("startswith(displayName,'A')")}`;
const page = JSON.stringify({ "@odata.context": `${root}/$metadata#companies(${companyId})/customers`, value: [0, 1].map((i) => { const c = customer(i); return { id: c.id, number: c.number, displayName: c.displayName }; }) });
globalThis.fetch = (async () => new Response(page, { status: 200, headers: { "content-type": "application/json; odata.metadata=minimal" } })) as typeof fetch;
const token = "bench-token";
const credential = { getToken: async () => ({ token, tokenType: "Bearer", expiresOnTimestamp: Date.now() + 3_600_000 }) };
// The window is lifted: this loop sends far more than 6,000 requests in 5 minutes.
const options = resolveClientOptions({ path: "api/v2.0" } as never, { serviceRootUrl: root, credential, limits: { maxRequestsPerWindow: 1_000_000_000 } });

const LAYERS = ["retry", "limiter", "prefetch", "telemetry", "timeout", "bearer", "redirect"] as const;
type Layer = (typeof LAYERS)[number];
const LAYER_LABELS: Record<Layer, string> = {
  retry: "the retry loop (deadline, attempt history)",
  limiter: "the identity's limiter: a slot per attempt, the sliding window (in-process limiter)",
  prefetch: "the token fetched before the slot (a cached token)",
  telemetry: "telemetry: a span per attempt, metrics, logs (no OpenTelemetry SDK registered)",
  timeout: "the attempt timeout (none set: the default)",
  bearer: "the bearer token, signed beside the request and put on what leaves",
  redirect: "the redirect policy (no redirect)",
};

/** openapi-fetch plus the first `n` layers, sending as the executor does (call context, body read here). */
function layered(layers: readonly Layer[]): () => Promise<number> {
  let o = options;
  const policies: Policy[] = [];
  let telemetry: ReturnType<typeof withTelemetry> | undefined;
  if (layers.includes("telemetry")) ({ options: o } = telemetry = withTelemetry(o));
  const limited = layers.includes("limiter");
  if (layers.includes("retry")) policies.push(retryPolicy(o.retry, o, limited ? { limiter: o.limiter, identity: o.identity, limits: o.limits, onEvent: o.onEvent, prepare: layers.includes("prefetch") ? tokenPrefetch(o.credential!, o.timeoutInMs) : undefined } : undefined));
  if (telemetry) policies.push(telemetry.policy);
  if (layers.includes("timeout")) policies.push(attemptTimeoutPolicy(o.timeoutInMs));
  if (layers.includes("bearer")) policies.push(bearerTokenPolicy(o.credential!));
  if (layers.includes("redirect")) policies.push(redirectPolicy());
  const send = composePipeline(policies, signalTransport(o.fetch));
  const client = createClient<Record<string, never>>({ baseUrl: "", fetch: send, redirect: "manual", headers: { "User-Agent": o.userAgent, Accept: "application/json" } });
  const request = client.request as unknown as (method: string, url: string, init: Record<string, unknown>) => Promise<{ response: Response }>;
  const signed = layers.includes("bearer") ? {} : { Authorization: `Bearer ${token}` };
  return async () => {
    const context: CallContext = { release: undefined, abortable: false };
    try {
      const { response } = await request("GET", url, { headers: { ...signed, "client-request-id": crypto.randomUUID() }, bodySerializer: (b: unknown) => b, parseAs: "stream", Request: BareRequest, fetch: (r: Request) => (bindCallContext(r, context), send(r)) });
      const read = await readResponseBody(response, { method: "GET", expect: "collection" });
      return read.ok ? ((read.data as { value: unknown[] }).value.length) : -1;
    } finally {
      context.release?.();
    }
  };
}

const executor = createRequestExecutor(options);
const company = createBusinessCentralClient({ serviceRootUrl: root, credential, limits: { maxRequestsPerWindow: 1_000_000_000 } }).company(companyId);
const variants: { id: string; label: string; run: () => Promise<unknown> }[] = [
  { id: "raw", label: "raw `fetch(url, init)` + `res.json()` (the in-memory answer: a `Response` and its body stream)", run: async () => ((await (await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: "application/json" } })).json()) as { value: unknown[] }).value.length },
  { id: "request", label: "+ a `Request` object built from URL + init (what openapi-fetch builds per call by default; bcts gives it `BareRequest` for body-less calls)", run: async () => ((await (await fetch(new Request(url, { headers: { Authorization: `Bearer ${token}`, Accept: "application/json" } }))).json()) as { value: unknown[] }).value.length },
  { id: "openapi-fetch", label: "openapi-fetch `client.request()` with `BareRequest` (header merging, URL) + `text()` + `JSON.parse` + shape check", run: layered([]) },
  ...LAYERS.map((layer, i) => ({ id: layer, label: `+ ${LAYER_LABELS[layer]}`, run: layered(LAYERS.slice(0, i + 1)) })),
  { id: "executor", label: "the executor as the client builds it (client-request-id, attempt record, outcome bookkeeping)", run: async () => ((await executor.send({ method: "GET", url, expect: "collection" }, undefined)).data as { value: unknown[] }).value.length },
  { id: "client", label: "the client call: `customers.list({ select, filter })` — query building, paging iterator, `for await`", run: async () => { let n = 0; for await (const _ of company.customers.list({ select: ["id", "number", "displayName"], filter: (f) => f.displayName.startsWith("A") })) n++; return n; } },
];

for (const v of variants) for (let i = 0; i < perBatch; i++) await v.run(); // warm-up: JIT and caches
const best = new Map<string, number>();
for (let b = 0; b < batches; b++) {
  for (const v of b % 2 === 0 ? variants : [...variants].reverse()) {
    const t0 = performance.now();
    for (let i = 0; i < perBatch; i++) await v.run();
    const us = ((performance.now() - t0) * 1000) / perBatch;
    best.set(v.id, Math.min(best.get(v.id) ?? Infinity, us));
  }
}
console.log(JSON.stringify({ rows: variants.map((v) => ({ id: v.id, label: v.label, us: best.get(v.id)! })), batches, perBatch }));
