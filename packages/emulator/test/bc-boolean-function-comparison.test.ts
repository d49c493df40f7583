import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cronusCompanyId, startEmulator, type Emulator } from "../src/index.js";
import { fetchClientCredentialsToken } from "./support/https-token.js";
import { startTestBc, type TestBc } from "./support/start-test-bc.js";

type Collection = { value: { number: string }[] };
type ErrorBody = { error: { code: string; message: string } };

describe("§3 [UNK] $filter=startswith(...) eq true over HTTP", () => {
  let emu: Emulator;
  let token: string;
  let defaults: TestBc;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, bc: { booleanFunctionComparison: "accept" } });
    const res = await fetchClientCredentialsToken(emu);
    expect(res.status).toBe(200);
    token = String(res.body["access_token"]);
    defaults = await startTestBc();
  });
  afterAll(async () => {
    await Promise.allSettled([emu?.close(), defaults?.bc.close()]);
  });

  const get = async (base: string, filter: string, authorization: string): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${base}/customers?$select=number&$filter=${encodeURIComponent(filter)}`, { headers: { authorization } });
    return { status: res.status, body: await res.json() };
  };

  it("with booleanFunctionComparison: 'accept', lists the same customers as startswith(displayName,'A')", async () => {
    const base = `${emu.serviceRootUrl("api/v2.0")}/companies(${cronusCompanyId})`;
    const plain = await get(base, "startswith(displayName,'A')", `Bearer ${token}`);
    expect(plain.status).toBe(200);
    const numbers = (plain.body as Collection).value.map((c) => c.number);
    expect(numbers).toEqual(["10000", "40000"]);
    for (const filter of ["startswith(displayName,'A') eq true", "(startswith(displayName,'A') eq true)"]) {
      const compared = await get(base, filter, `Bearer ${token}`);
      expect(compared.status, JSON.stringify(compared.body)).toBe(200);
      expect((compared.body as Collection).value.map((c) => c.number)).toEqual(numbers);
    }
    const negated = await get(base, "(startswith(displayName,'A') eq false)", `Bearer ${token}`);
    expect((negated.body as Collection).value.map((c) => c.number)).toEqual(["20000", "30000", "50000"]);
  });

  it("by default answers BC's 400 query-syntax error, with a hint on how to accept the form", async () => {
    const res = await defaults.json<ErrorBody>(`${defaults.company}/customers?$filter=${encodeURIComponent("(startswith(displayName,'A') eq true)")}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("BadRequest");
    expect(res.body.error.message.startsWith("Bad Request - Error in query syntax. Expected ')' at position 29 in '(startswith(displayName,'A') eq true)'. ")).toBe(true);
    expect(res.body.error.message).toContain(`booleanFunctionComparison: "accept"`);
    expect(res.body.error.message).toMatch(/\.  CorrelationId:  [0-9a-f-]{36}\.$/);
  });
});
