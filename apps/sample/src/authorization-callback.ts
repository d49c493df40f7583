import { createServer } from "node:http";

/**
 * Waits for the browser's redirect to a local `redirectUri` (http://localhost:PORT/path) and
 * returns the full callback URL (`…?code=…&state=…`). For a live sign-in from the command line.
 */
export async function waitForAuthorizationCallback(redirectUri: string, timeoutInMs: number): Promise<URL> {
  const expected = new URL(redirectUri);
  if (expected.protocol !== "http:" || !["localhost", "127.0.0.1"].includes(expected.hostname) || !expected.port) {
    throw new Error(`BC_REDIRECT_URI must be a local http URL with a port (e.g. http://localhost:3000/auth/callback); got ${redirectUri}.`);
  }
  return new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", expected.origin);
      if (url.pathname !== expected.pathname) return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end("Signed in. You can close this window.");
      finish(() => resolve(url));
    });
    const timer = setTimeout(() => finish(() => reject(new Error(`Nobody signed in within ${Math.round(timeoutInMs / 60_000)} min.`))), timeoutInMs);
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      server.close();
      settle();
    };
    server.once("error", reject).listen(Number(expected.port), expected.hostname);
  });
}
