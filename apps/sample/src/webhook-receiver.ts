import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** One entry of a Business Central notification body (`{"value":[…]}`); it carries no entity data. */
export interface WebhookNotification {
  readonly subscriptionId: string;
  readonly clientState: string | null;
  readonly expirationDateTime: string;
  /** The changed entity (`…/customers(<id>)`) or, for `collection`, the collection with a `$filter`. */
  readonly resource: string;
  readonly changeType: "created" | "updated" | "deleted" | "collection";
  readonly lastModifiedDateTime: string;
}

export interface WebhookReceiver {
  /** http://127.0.0.1:PORT/bc-webhook */
  readonly url: string;
  /** validationTokens answered so far (one per subscription create or renewal). */
  readonly handshakes: readonly string[];
  readonly notifications: readonly WebhookNotification[];
  /** Resolves with the first matching notification (already received or arriving), or rejects after timeoutInMs. */
  waitFor(match: (n: WebhookNotification) => boolean, timeoutInMs: number, onTick?: (waitedMs: number) => void): Promise<WebhookNotification>;
  close(): Promise<void>;
}

/**
 * A minimal receiver for BC webhooks: answers the handshake (`?validationToken=…` → 200 with the token
 * as text/plain, for GET or POST, §9) and records notifications (POST JSON → 200).
 * Anything else gets 400, which makes BC delete the subscription — answer 2xx for what you accept.
 */
export async function startWebhookReceiver(options: { readonly host?: string; readonly port?: number; readonly path?: string } = {}): Promise<WebhookReceiver> {
  const path = options.path ?? "/bc-webhook";
  const handshakes: string[] = [];
  const notifications: WebhookNotification[] = [];
  const waiters = new Set<(n: WebhookNotification) => void>();

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://receiver");
    const body = await readBody(req);
    if (url.pathname !== path) return void res.writeHead(404).end();
    const token = url.searchParams.get("validationToken");
    if (token !== null) {
      handshakes.push(token);
      return void res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end(token);
    }
    if (req.method !== "POST") return void res.writeHead(405).end();
    let received: WebhookNotification[];
    try {
      received = (JSON.parse(body) as { value: WebhookNotification[] }).value;
      if (!Array.isArray(received)) throw new Error("no value array");
    } catch {
      return void res.writeHead(400).end();
    }
    res.writeHead(200).end();
    for (const n of received) {
      notifications.push(n);
      for (const waiter of waiters) waiter(n);
    }
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const { address, port } = server.address() as AddressInfo;

  return {
    url: `http://${address}:${port}${path}`,
    handshakes,
    notifications,
    waitFor(match, timeoutInMs, onTick) {
      const already = notifications.find(match);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const tick = onTick ? setInterval(() => onTick(Date.now() - started), 5_000) : undefined;
        const done = () => {
          clearTimeout(timer);
          if (tick) clearInterval(tick);
          waiters.delete(waiter);
        };
        const waiter = (n: WebhookNotification) => {
          if (!match(n)) return;
          done();
          resolve(n);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`No matching webhook notification within ${Math.round(timeoutInMs / 1000)} s.`));
        }, timeoutInMs);
        waiters.add(waiter);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}
