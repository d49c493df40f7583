import { startBcServer, type BcServer } from "../../src/bc/bc-server.js";
import type { BcServerOptions } from "../../src/bc/bc-server-options.js";
import { testClientId, testTenantId, testToken, testValidator } from "./test-tokens.js";

export interface TestBc {
  readonly bc: BcServer;
  /** `${bc.url}/v2.0/${tenant}/production/api/v2.0` */
  readonly root: string;
  /** `${root}/companies(<cronus id>)` */
  readonly company: string;
  fetch(path: string, init?: RequestInit & { token?: string | null }): Promise<Response>;
  json<T = Record<string, unknown>>(path: string, init?: RequestInit & { token?: string | null }): Promise<{ status: number; body: T; headers: Headers }>;
}

export async function startTestBc(options: Partial<BcServerOptions> = {}): Promise<TestBc> {
  const bc = await startBcServer({
    validateAccessToken: testValidator,
    tenants: [{ tenantId: testTenantId, domains: ["cronus.example"], applications: [{ clientId: testClientId }] }],
    ...options,
  });
  const root = `${bc.url}/v2.0/${testTenantId}/production/api/v2.0`;
  const doFetch = (path: string, init: RequestInit & { token?: string | null } = {}): Promise<Response> => {
    const { token, ...rest } = init;
    const headers = new Headers(rest.headers);
    const t = token === undefined ? testToken() : token;
    if (t !== null) headers.set("authorization", `Bearer ${t}`);
    return fetch(path.startsWith("http") ? path : `${root}${path}`, { ...rest, headers });
  };
  return {
    bc,
    root,
    company: `/companies(5c2a4b1e-8d3f-4e6a-9b7c-1f0e2d3c4b5a)`,
    fetch: doFetch,
    async json(path, init) {
      const res = await doFetch(path, init);
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as never, headers: res.headers };
    },
  };
}
