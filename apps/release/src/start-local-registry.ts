import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { runServer } from "verdaccio";

export interface LocalRegistry {
  /** e.g. http://127.0.0.1:41234/ (with the trailing slash npm expects) */
  readonly url: string;
  /** Any non-empty token: the registry lets anyone publish and read @bcts/*, but npm refuses to publish without one. */
  readonly authToken: string;
  close(): Promise<void>;
}

/**
 * A verdaccio registry on 127.0.0.1 with an ephemeral port, storing into `storageDir`. It serves and
 * accepts only `@bcts/*` and proxies nothing (no uplinks): every other package must come from the
 * normal registry, so a scoped `.npmrc` line decides where `@bcts/*` comes from.
 */
export async function startLocalRegistry(storageDir: string): Promise<LocalRegistry> {
  const config = {
    self_path: join(storageDir, "config.yaml"),
    storage: join(storageDir, "storage"),
    auth: { htpasswd: { file: join(storageDir, "htpasswd"), max_users: -1 } },
    uplinks: {},
    packages: {
      "@bcts/*": { access: "$all", publish: "$all", unpublish: "$all" },
      "**": { access: "$all", publish: "$authenticated" },
    },
    security: { api: { legacy: true } },
    server: { keepAliveTimeout: 5 },
    logs: { type: "stdout", format: "pretty", level: "fatal" },
    web: { enable: false },
    publish: { allow_offline: true },
  };
  const server = (await runServer(config as never)) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    authToken: "bcts-release-test",
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
