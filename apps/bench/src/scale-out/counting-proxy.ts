import { Agent, createServer, request, type Server } from "node:http";

/** What the proxy saw during one measurement. */
export interface ProxyCounts {
  /** Most requests of any kind in progress at once (processing + queued at the server). */
  readonly maxInFlight: number;
  readonly responses: number;
  readonly tooManyRequests: number;
  readonly serviceUnavailable: number;
  /** Mean time from a request's arrival to its response being handed to the client's socket, ms. */
  readonly meanAtServerInMs: number;
  /**
   * Hand-overs: a request that arrived while fewer than `slots` were in progress, paired with the
   * earliest moment a slot had come free before it. Their mean gap is how long a freed slot stood
   * empty before the next request reached the server (the cost of passing it on).
   */
  readonly handovers: number;
  readonly meanIdleInMs: number;
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

export async function startCountingProxy(target: string, slots: number): Promise<CountingProxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  let inFlight = 0;
  let c = { maxInFlight: 0, responses: 0, tooManyRequests: 0, serviceUnavailable: 0, atServerInMs: 0, finished: 0, handovers: 0, idleInMs: 0 };
  /** Moments a slot came free (fewer than `slots` in progress after a response), oldest first. */
  let freed: number[] = [];
  const server: Server = createServer((req, res) => {
    const arrived = performance.now();
    if (inFlight < slots && freed.length > 0) {
      c.handovers++;
      c.idleInMs += arrived - freed.shift()!;
    }
    inFlight++;
    c.maxInFlight = Math.max(c.maxInFlight, inFlight);
    let counted = false;
    const done = () => {
      if (counted) return;
      counted = true;
      inFlight--;
      const now = performance.now();
      c.finished++;
      c.atServerInMs += now - arrived;
      if (inFlight < slots) freed.push(now);
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
      c = { maxInFlight: inFlight, responses: 0, tooManyRequests: 0, serviceUnavailable: 0, atServerInMs: 0, finished: 0, handovers: 0, idleInMs: 0 };
      freed = [];
    },
    counts: () => ({
      maxInFlight: c.maxInFlight, responses: c.responses, tooManyRequests: c.tooManyRequests, serviceUnavailable: c.serviceUnavailable,
      meanAtServerInMs: c.finished ? c.atServerInMs / c.finished : 0,
      handovers: c.handovers,
      meanIdleInMs: c.handovers ? c.idleInMs / c.handovers : 0,
    }),
    close: async () => {
      server.closeAllConnections();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
