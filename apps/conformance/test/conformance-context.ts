import { afterAll, beforeAll } from "vitest";
import { createODataClient, type RouteDescriptor } from "@bcts/odata";
import { generateClient, recordingTransport, startCapServer, type CapServer, type GeneratedClient } from "../src/index.js";

/**
 * What every conformance file shares: one CAP server per file (beforeAll), a client generated from its
 * live `$metadata` by @bcts/codegen and imported, and a transport that records what was sent.
 * If CAP cannot start, beforeAll throws and every check of the file fails with the reason — never skipped.
 */
export interface ConformanceContext {
  cap: CapServer;
  generated: GeneratedClient;
  /** The generated module (`index.ts`): route descriptor `conformance`, set and type descriptors. */
  module: Record<string, any>;
  route: RouteDescriptor;
  /** The generated route's client; typed loosely because the module is generated at test time. */
  client: any;
  transport: ReturnType<typeof recordingTransport>;
}

export function useConformance(options: { readonly dialect?: "business-central" | "odata" } = {}): ConformanceContext {
  const context = {} as ConformanceContext;
  beforeAll(async () => {
    context.cap = await startCapServer();
    context.generated = await generateClient(context.cap.serviceRoot, options);
    context.module = (await import(context.generated.indexFile)) as Record<string, any>;
    context.route = context.module["conformance"] as RouteDescriptor;
    context.transport = recordingTransport();
    context.client = createODataClient(context.route, { serviceRootUrl: context.cap.serviceRoot, retry: false, fetch: context.transport.fetch });
  });
  afterAll(async () => {
    await context.cap?.close();
    await context.generated?.remove();
  });
  return context;
}

/** Every entity of a list, all pages. */
export async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
