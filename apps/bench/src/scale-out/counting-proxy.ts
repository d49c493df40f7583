import { Agent, createServer, request, type Server } from "node:http";

/** What the proxy saw during one measurement. */
export interface ProxyCounts {
  /** Most requests of any kind in progress at once (processing + queued at the server). */
  readonly maxInFlight: number;
  readonly responses: number;
  readonly tooManyRequests: number;
  readonly serviceUnavailable: number;
}

/**
 * A pass-through HTTP proxy in front of the emulator's BC that counts requests in progress — what
 * Business Central itself would see as one identity's connections (processing + queued). A request
 * counts from its arrival until its response has been handed to the client's socket, which is
 * before the client can release its limiter lease.
 */
export interface CountingProxy {
  readonly origin: string;
  reset(): void;
  counts(): ProxyCounts;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  let inFlight = 0;
  let c = { maxInFlight: 0, responses: 0, tooManyRequests: 0, serviceUnavailable: 0 };
  const server: Server = createServer((req, res) => {
    inFlight++;
    c.maxInFlight = Math.max(c.maxInFlight, inFlight);
    let counted = false;
    const done = () => {
      if (counted) return;
      counted = true;
      inFlight--;
    };
    res.once("finish", done);
    res.once("close", done);
    const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
      c.responses++;
      if (answer.statusCode === 429) c.tooManyRequests++;
      if (answer.statusCode === 503) c.serviceUnavailable++;
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    reset: () => {
      c = { maxInFlight: inFlight, responses: 0, tooManyRequests: 0, serviceUnavailable: 0 };
    },
    counts: () => ({ ...c }),
    close: async () => {
      server.closeAllConnections();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
