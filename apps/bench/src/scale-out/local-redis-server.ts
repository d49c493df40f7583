import { spawn } from "node:child_process";
import { once } from "node:events";
import { createConnection, createServer } from "node:net";

/** A redis-server for the bench only: a free port on 127.0.0.1, no persistence; never the shared 6379. */
export async function startLocalRedisServer(): Promise<{ readonly url: string; stop(): Promise<void> }> {
  const port = await new Promise<number>((resolve, reject) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  let failure: Error | undefined;
  child.once("error", (e) => (failure = e));
  for (let i = 0; ; i++) {
    if (failure) throw new Error(`redis-server could not start: ${failure.message}`);
    if (await pong(port)) break;
    if (i > 100) throw new Error(`redis-server did not answer on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}

function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.once("error", () => resolve(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (d) => {
      socket.destroy();
      resolve(d.toString().startsWith("+PONG"));
    });
  });
}
