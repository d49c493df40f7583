import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { fileURLToPath } from "node:url";
import { seedConformanceData } from "./seed-data.js";
import { registerHandlers } from "./register-handlers.js";
import type { Cds } from "./cds-types.js";

export interface CapServer {
  /** `http://127.0.0.1:{port}/conformance`, the OData service root. */
  readonly serviceRoot: string;
  readonly cds: Cds;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
const MODEL = fileURLToPath(new URL("../cap/service.cds", import.meta.url));

/**
 * Starts the conformance model on an in-memory SQLite (sql.js, WASM — no native build) behind
 * express on 127.0.0.1 with a free port. One per process: CAP's facade is a singleton.
 *
 * @example
 * const cap = await startCapServer();   // cap.serviceRoot → "http://127.0.0.1:41234/conformance"
 * await cap.close();
 */
export async function startCapServer(): Promise<CapServer> {
  const cds = require("@sap/cds") as Cds;
  const express = require("express") as () => { listen(port: number, host: string): Server };
  cds.root = fileURLToPath(new URL("..", import.meta.url));
  // Quiet CAP's logging (the checks provoke errors on purpose); every error still reaches the client as an HTTP answer.
  for (const name of ["cds", "odata", "serve", "server", "deploy", "app", "db", "sqlite", "auth", "error"]) cds.log(name, "silent");
  // `driver: "sql.js"` picks @cap-js/sqlite's WASM driver; better-sqlite3's native build is blocked here.
  cds.env.requires["db"] = { kind: "sqlite", impl: "@cap-js/sqlite", credentials: { url: ":memory:", driver: "sql.js" } };
  cds.env.requires["auth"] = { kind: "mocked" };
  const csn = await cds.load(MODEL);
  cds.model = cds.compile.for.nodejs(csn);
  const db = await cds.connect.to("db");
  // Deploy from the parsed model: the nodejs-compiled one already carries foreign keys and would clash.
  await cds.deploy(csn).to(db);
  await seedConformanceData(cds);
  const app = express();
  await cds.serve("all").from(cds.model).in(app);
  const service = cds.services["ConformanceService"];
  if (service === undefined) throw new Error(`CAP served no ConformanceService from ${MODEL}; services: ${Object.keys(cds.services).join(", ")}.`);
  registerHandlers(cds, service);
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    serviceRoot: `http://127.0.0.1:${port}${service.path}`,
    cds,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
