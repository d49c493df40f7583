// A scriptable node:http server for attacks on the runtime (issue 14): the test decides every status,
// header and body; every request is recorded (method, URL, headers, body) so a test can assert what
// reached it — and what did not. Listens on 127.0.0.1 with a free port.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface HostileRequest {
  readonly method: string;
  /** Path and query as received. */
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

export interface HostileAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Objects are sent as JSON. */
  readonly body?: unknown;
}

export interface HostileServer {
  readonly origin: string;
  readonly requests: HostileRequest[];
  /** Replaced by tests; default answers 404. */
  answer: (request: HostileRequest, server: HostileServer) => HostileAnswer;
  close(): Promise<void>;
}

export async function startHostileServer(answer?: HostileServer["answer"]): Promise<HostileServer> {
  const state: HostileServer = { origin: "", requests: [], answer: answer ?? (() => ({ status: 404 })), close: async () => {} };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: HostileRequest = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() };
    state.requests.push(request);
    const { status, headers = {}, body } = state.answer(request, state);
    const json = body !== undefined && typeof body !== "string";
    res.writeHead(status, { ...(json ? { "Content-Type": "application/json" } : {}), ...headers });
    res.end(body === undefined ? "" : json ? JSON.stringify(body) : (body as string));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(state, {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return state;
}
