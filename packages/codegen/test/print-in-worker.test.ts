import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { DEFAULT_NAMING } from "../src/config/resolve-naming.js";
import { parseCsdl } from "../src/csdl/parse-csdl.js";
import { emitRoute, emitRouteFiles } from "../src/emit/emit-route.js";
import type { EmittedFile } from "../src/emit/emitted-file.js";
import { buildModel } from "../src/model/build-model.js";
import { printFiles } from "../src/print/print-files.js";
import { printWorkerWanted, startPrintWorker } from "../src/print/print-in-worker.js";
import { PrintWorkerError } from "../src/print/print-worker-error.js";
import { fixturesDir } from "./golden-cases.js";

// ts-morph must not be loaded on this thread before startPrintWorker (it would print here then):
// printFiles runs last.
afterEach(() => {
  delete process.env["BCTS_PRINT_WORKER"];
});

it("BCTS_PRINT_WORKER=on/off decides regardless of the load average", () => {
  expect(printWorkerWanted({ BCTS_PRINT_WORKER: "off" })).toBe(false);
  expect(printWorkerWanted({ BCTS_PRINT_WORKER: "on" })).toBe(true);
  expect(printWorkerWanted({ BCTS_PRINT_WORKER: "0" })).toBe(false);
});

it("a printer failure in the worker rejects with a PrintWorkerError naming the route and file", async () => {
  process.env["BCTS_PRINT_WORKER"] = "on";
  const worker = startPrintWorker();
  expect(worker).toBeDefined();
  try {
    const bad = { kind: "typescript", fileName: "bad.ts", statements: [{ kind: 9999, name: "x" }] } as unknown as EmittedFile;
    const error = await worker!.printRoute([bad], "// banner", "some-route", () => undefined).printed.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrintWorkerError);
    expect((error as PrintWorkerError).message).toMatch(/^print worker: printing some-route \(bad\.ts\): Error: .+ BCTS_PRINT_WORKER=off\.$/);
    expect((error as PrintWorkerError).workerStack).toMatch(/print/);
  } finally {
    worker!.close();
  }
}, 60_000);

it("prints each file as it is emitted, hands every text over once, and gives printFiles' bytes in name order", async () => {
  process.env["BCTS_PRINT_WORKER"] = "on";
  const xml = readFileSync(join(fixturesDir, "api-v2.0.erlorenz-bc-codegen.2025-08.xml"), "utf8");
  const model = buildModel(parseCsdl(xml, { source: "x.xml", maxBytes: 1e8 }), { routeName: "api", routeKind: "api", routePath: "api/v2.0", entitySets: "all", naming: DEFAULT_NAMING }, "x.xml");
  const options = { decimal: "number", int64: "number", dates: "string", runtimeModule: "@bcts/odata", openapi: true } as const;
  const worker = startPrintWorker();
  expect(worker).toBeDefined();
  const handed: string[] = [];
  try {
    const { printed } = worker!.printRoute(emitRouteFiles(model, options, "x.xml"), "// banner", "api", (name) => handed.push(name));
    const files = await printed;
    expect(await worker!.load()).toMatchObject({ ms: expect.any(Number) });
    const onMain = printFiles(emitRoute(model, options, "x.xml"), "// banner");
    expect([...files.keys()]).toEqual([...onMain.keys()]);
    expect([...files.entries()]).toEqual([...onMain.entries()]);
    expect([...handed].sort()).toEqual([...onMain.keys()].sort());
    expect(handed).toEqual(emitRoute(model, options, "x.xml").map((f) => f.fileName));
  } finally {
    worker!.close();
  }
}, 60_000);
