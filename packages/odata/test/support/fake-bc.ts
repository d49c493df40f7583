// A tiny Business Central stand-in on node:http for integration tests of @bcts/odata (the shared
// emulator is written concurrently). It stores entities in memory, pages with Prefer: odata.maxpagesize,
// demands If-Match on PATCH, answers stale ETags with 409 Request_EntityChanged, runs bound actions,
// streams and JSON $batch (with BC's misleading inner 201s under Isolation: snapshot), and injects faults.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

export interface Fault {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Only for requests whose method+path matches. */
  readonly match?: (method: string, path: string) => boolean;
}

type Entity = Record<string, unknown> & { id: string };

export interface FakeBc {
  readonly origin: string;
  readonly tenantId: string;
  readonly environment: string;
  readonly companyId: string;
  readonly requests: RecordedRequest[];
  readonly sets: Map<string, Map<string, Entity>>;
  readonly pictures: Map<string, Uint8Array>;
  /** Faults answered in order before normal handling (each used once). */
  readonly faults: Fault[];
  /** Valid bearer tokens; others get 401. */
  readonly tokens: Set<string>;
  /** Highest number of requests in flight at once. */
  peakConcurrency: number;
  delayInMs: number;
  close(): Promise<void>;
}

const CORRELATION = "  CorrelationId:  8c5b4c4e-1d2a-4a6b-9a55-1f0b6b2f7c11.";

export async function startFakeBc(): Promise<FakeBc> {
  const companyId = "5d115c9c-44e3-ea11-bb43-000d3a2feca1";
  const sets = new Map<string, Map<string, Entity>>([
    ["customers", new Map()],
    ["salesOrders", new Map()],
    ["salesOrderLines", new Map()],
    ["items", new Map()],
  ]);
  let version = 0;
  const etag = () => `W/"JzIwOzE1MzU5NDg3NDg1Mzg4ODM2MjUzMTswMDsn${++version}"`;
  const state: FakeBc = {
    origin: "",
    tenantId: "t-1",
    environment: "production",
    companyId,
    requests: [],
    sets,
    pictures: new Map(),
    faults: [],
    tokens: new Set(["token-1"]),
    peakConcurrency: 0,
    delayInMs: 0,
    close: async () => {},
  };
  let inFlight = 0;

  const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    const text = body === undefined ? "" : JSON.stringify(body);
    res.writeHead(status, { ...(body === undefined ? {} : { "Content-Type": "application/json; odata.metadata=minimal" }), ...headers });
    res.end(text);
  };
  const error = (res: ServerResponse, status: number, code: string, message: string) => send(res, status, { error: { code, message: `${message}${CORRELATION}` } });

  function handle(method: string, path: string, search: URLSearchParams, headers: IncomingMessage["headers"], body: Buffer, res: ServerResponse, root: string) {
    // companies(<id>)/<set>[(<key>)][/<nav or action or stream>]
    if (path === "companies") return send(res, 200, { value: [{ id: companyId, name: "CRONUS", displayName: "CRONUS USA, Inc.", "@odata.etag": 'W/"c1"' }] });
    const m = /^companies\(([0-9a-f-]{36})\)\/(\w+)(?:\(([0-9a-f-]{36})\))?(?:\/(.+))?$/.exec(path);
    if (!m || m[1] !== companyId) return error(res, 404, "BadRequest_NotFound", `Resource not found for the segment '${path}'.`);
    const [, , setName, key, rest] = m;
    const set = sets.get(setName!);
    if (!set) return error(res, 404, "BadRequest_NotFound", `Resource not found for the segment '${setName}'.`);
    if (key === undefined) {
      if (method === "GET") {
        const all = [...set.values()];
        const skip = Number(search.get("$skiptoken") ?? 0);
        const pageSize = Number(/odata\.maxpagesize=(\d+)/.exec(String(headers["prefer"] ?? ""))?.[1] ?? 20000);
        const top = search.get("$top") === null ? all.length : Number(search.get("$top"));
        const value = all.slice(skip, Math.min(skip + pageSize, top));
        const next = skip + pageSize < Math.min(all.length, top) ? `${root}/${path}?${new URLSearchParams([...search.entries(), ["$skiptoken", String(skip + pageSize)]].filter(([k], i, a) => k !== "$skiptoken" || i === a.length - 1)).toString()}` : undefined;
        const select = search.get("$select")?.split(",");
        const shaped = select ? value.map((e) => Object.fromEntries(Object.entries(e).filter(([k]) => select.includes(k) || k === "@odata.etag"))) : value;
        return send(res, 200, { "@odata.context": "x", ...(search.get("$count") === "true" ? { "@odata.count": all.length } : {}), value: shaped, ...(next ? { "@odata.nextLink": next } : {}) });
      }
      if (method === "POST") {
        if (body.length === 0) return error(res, 400, "BadRequest", "Values must be provided in the body.");
        const input = JSON.parse(body.toString()) as Record<string, unknown>;
        if (input["displayName"] === "FAIL") return error(res, 400, "Application_FieldValidationException", "Display name FAIL is not allowed.");
        const { salesOrderLines, ...fields } = input;
        const entity: Entity = { ...fields, id: randomUUID(), "@odata.etag": etag() };
        set.set(entity.id, entity);
        if (Array.isArray(salesOrderLines)) {
          for (const line of salesOrderLines) {
            const l = { ...(line as object), id: randomUUID(), documentId: entity.id, "@odata.etag": etag() };
            sets.get("salesOrderLines")!.set(l.id, l);
          }
        }
        return send(res, 201, entity, { Location: `${root}/companies(${companyId})/${setName}(${entity.id})` });
      }
      return error(res, 405, "BadRequest_MethodNotAllowed", `'${method}' requests for '${setName}' are not allowed.`);
    }
    const entity = set.get(key);
    if (!entity) return error(res, 404, "Internal_RecordNotFound", `The ${setName} does not exist. Identification fields and values: Id='${key}'`);
    const checkEtag = (required: boolean): boolean => {
      const ifMatch = headers["if-match"];
      if (ifMatch === undefined) {
        if (!required) return true;
        error(res, 400, "BadRequest_InvalidToken", "Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.");
        return false;
      }
      if (ifMatch !== "*" && ifMatch !== entity["@odata.etag"]) {
        error(res, 409, "Request_EntityChanged", "Another user has already changed the record.");
        return false;
      }
      return true;
    };
    if (rest === undefined) {
      if (method === "GET") {
        const select = search.get("$select")?.split(",");
        let result: Record<string, unknown> = select ? Object.fromEntries(Object.entries(entity).filter(([k]) => select.includes(k) || k === "@odata.etag")) : { ...entity };
        if (search.get("$expand")?.startsWith("salesOrderLines")) {
          result = { ...result, salesOrderLines: [...sets.get("salesOrderLines")!.values()].filter((l) => l["documentId"] === entity.id) };
        }
        return send(res, 200, result);
      }
      if (method === "PATCH") {
        if (!checkEtag(true)) return;
        Object.assign(entity, JSON.parse(body.toString()), { "@odata.etag": etag() });
        return send(res, 200, entity);
      }
      if (method === "DELETE") {
        if (!checkEtag(false)) return;
        set.delete(key);
        return send(res, 204);
      }
    }
    if (setName === "salesOrders" && rest === "Microsoft.NAV.shipAndInvoice" && method === "POST") {
      entity["status"] = "Released";
      entity["@odata.etag"] = etag();
      return send(res, 204);
    }
    if (setName === "salesOrders" && rest === "salesOrderLines" && method === "GET") {
      return send(res, 200, { value: [...sets.get("salesOrderLines")!.values()].filter((l) => l["documentId"] === entity.id) });
    }
    if (setName === "items" && rest === "picture" && method === "GET") {
      return send(res, 200, { id: entity.id, width: 0, height: 0, contentType: "image/png", "@odata.etag": entity["@odata.etag"] });
    }
    if (setName === "items" && rest === "picture/pictureContent") {
      if (method === "GET") {
        res.writeHead(200, { "Content-Type": "application/octet-stream" });
        return res.end(state.pictures.get(entity.id) ?? Buffer.alloc(0));
      }
      if (method === "PATCH") {
        if (!checkEtag(true)) return;
        state.pictures.set(entity.id, new Uint8Array(body));
        entity["@odata.etag"] = etag();
        return send(res, 204);
      }
    }
    return error(res, 404, "BadRequest_NotFound", `Resource not found for the segment '${rest}'.`);
  }

  /** Runs one inner batch request against the same handler by capturing what it writes. */
  function runInner(request: { method: string; url: string; headers?: Record<string, string>; body?: unknown }, root: string): Promise<{ status: number; headers: Record<string, string>; body: unknown }> {
    return new Promise((resolve) => {
      const captured = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
      const fakeRes = {
        writeHead(status: number, headers: Record<string, string>) {
          captured.status = status;
          captured.headers = Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
          return fakeRes;
        },
        end(text?: string | Buffer) {
          captured.body = text && text.length ? JSON.parse(String(text)) : undefined;
          resolve(captured);
        },
      } as unknown as ServerResponse;
      const url = new URL(request.url, `${root}/`);
      const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      handle(request.method, decodeURIComponent(url.pathname.slice(new URL(root).pathname.length + 1)), url.searchParams, headers, Buffer.from(request.body === undefined ? "" : JSON.stringify(request.body)), fakeRes, root);
    });
  }

  const server = createServer(async (req, res) => {
    inFlight++;
    state.peakConcurrency = Math.max(state.peakConcurrency, inFlight);
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      state.requests.push({ method: req.method!, url: req.url!, headers: req.headers, body: body.toString() });
      if (state.delayInMs > 0) await new Promise((r) => setTimeout(r, state.delayInMs));
      const url = new URL(req.url!, state.origin);
      const prefix = `/v2.0/${state.tenantId}/${state.environment}/api/v2.0`;
      const root = `${state.origin}${prefix}`;
      const path = decodeURIComponent(url.pathname.slice(prefix.length + 1));
      const faultIndex = state.faults.findIndex((f) => f.match === undefined || f.match(req.method!, path));
      if (faultIndex >= 0) {
        const [fault] = state.faults.splice(faultIndex, 1);
        res.writeHead(fault!.status, fault!.headers ?? {});
        return res.end(fault!.body ?? "");
      }
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (token === undefined || !state.tokens.has(token)) {
        return error(res, 401, "Authentication_InvalidCredentials", "The server has rejected the client credentials.");
      }
      if (!url.pathname.startsWith(prefix)) return error(res, 404, "BadRequest_NotFound", "No such route.");
      if (path === "$batch" && req.method === "POST") {
        const { requests } = JSON.parse(body.toString()) as { requests: Array<{ id: string; method: string; url: string; headers?: Record<string, string>; body?: unknown }> };
        if (requests.length > 100) return error(res, 500, "Unknown", "The maximum number of '100' query operations and change sets are allowed in a batch message.");
        const atomic = String(req.headers["isolation"] ?? "").toLowerCase() === "snapshot";
        const snapshot = atomic ? new Map([...sets].map(([k, v]) => [k, new Map([...v].map(([id, e]) => [id, { ...e }]))])) : undefined;
        const responses = [];
        for (const inner of requests) {
          const r = await runInner(inner, root);
          responses.push({ id: inner.id, status: r.status, headers: r.headers, ...(r.body === undefined ? {} : { body: r.body }) });
        }
        if (snapshot && responses.some((r) => r.status >= 400)) {
          for (const [k, v] of snapshot) sets.set(k, v); // rolled back, but inner 201s are still reported (like BC)
        }
        return send(res, 200, { responses: responses.reverse() }); // BC does not guarantee order
      }
      handle(req.method!, path, url.searchParams, req.headers, body, res, root);
    } finally {
      inFlight--;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(state, {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
  return state;
}
