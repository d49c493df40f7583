import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cronusCompanyId } from "../src/bc/seed/cronus-seed.js";
import { startTestBc, type TestBc } from "./support/start-test-bc.js";

type Inner = { id: string | null; status: number; headers: Record<string, string>; body?: Record<string, unknown>; atomicityGroup: string };
type BatchBody = { responses: Inner[] };

let t: TestBc;
beforeAll(async () => {
  t = await startTestBc();
});
afterAll(async () => {
  await t.bc.close();
});

const batch = (requests: unknown[], headers: Record<string, string> = {}) =>
  t.json<BatchBody>("/$batch", { method: "POST", headers: { "content-type": "application/json", accept: "application/json", ...headers }, body: JSON.stringify({ requests }) });
const customerCount = async (): Promise<number> => Number(await (await t.fetch(`${t.company}/customers/$count`)).text());
const companyPath = `companies(${cronusCompanyId})`;

describe("§6 JSON $batch", () => {
  it("runs mixed operations and answers 200 with per-operation id, status, headers, body and atomicityGroup", async () => {
    const res = await batch([
      { id: "1", method: "GET", url: `${companyPath}/customers?$filter=number eq '10000'&$select=number` },
      { id: "2", method: "POST", url: `${companyPath}/customers`, headers: { "Content-Type": "application/json" }, body: { displayName: "Batch Co" } },
      { id: "3", method: "GET", url: `${companyPath}/customers(00000000-0000-0000-0000-000000000001)` },
    ]);
    expect(res.status).toBe(200);
    const [a, b, c] = res.body.responses;
    expect(a).toMatchObject({ id: "1", status: 200, body: { value: [{ number: "10000" }] } });
    expect(a!.headers["content-type"]).toBe("application/json; odata.metadata=minimal; odata.streaming=true");
    expect(b).toMatchObject({ id: "2", status: 201, body: { displayName: "Batch Co" } });
    expect(b!.headers["location"]).toMatch(/\/customers\([0-9a-f-]{36}\)$/);
    expect(c!.status).toBe(404);
    expect(String((c!.body as { error: { message: string } }).error.message)).toMatch(/  CorrelationId:  [0-9a-f-]{36}\.$/);
    expect(a!.atomicityGroup).toMatch(/^[0-9a-f-]{36}$/);
  });
  it("§2.1 takes the company from a Company header (name) and accepts absolute inner URLs", async () => {
    const res = await batch([
      { id: "h", method: "GET", url: "items?$top=1&$select=number", headers: { Company: "CRONUS USA, Inc." } },
      { id: "abs", method: "GET", url: `${t.root}/${companyPath}/items?$top=1&$select=number` },
    ]);
    expect(res.body.responses.map((r) => r.status)).toEqual([200, 200]);
  });
  it("without Isolation each operation commits on its own: a later failure keeps the earlier create", async () => {
    const before = await customerCount();
    const res = await batch([
      { id: "ok", method: "POST", url: `${companyPath}/customers`, body: { displayName: "Kept Ltd" } },
      { id: "bad", method: "POST", url: `${companyPath}/customers`, body: { displayName: "X", nope: 1 } },
    ]);
    expect(res.body.responses.map((r) => r.status)).toEqual([201, 400]);
    expect(await customerCount()).toBe(before + 1);
  });
  it("§6/§11.6 Isolation: snapshot rolls everything back on a failure, yet the earlier operation still reports 201 with an id", async () => {
    const before = await customerCount();
    const res = await batch(
      [
        { id: "a", method: "POST", url: `${companyPath}/customers`, body: { displayName: "Ghost Ltd" } },
        { id: "b", method: "POST", url: `${companyPath}/customers`, body: { displayName: "x".repeat(200) } },
        { id: "c", method: "POST", url: `${companyPath}/customers`, body: { displayName: "Never Ltd" } },
      ],
      { isolation: "snapshot" },
    );
    expect(res.status).toBe(200);
    expect(res.body.responses.map((r) => [r.id, r.status])).toEqual([["a", 201], ["b", 400]]);
    const ghostId = String(res.body.responses[0]!.body!["id"]);
    expect((await t.json(`${t.company}/customers(${ghostId})`)).status).toBe(404);
    expect(await customerCount()).toBe(before);
  });
  it("Isolation: snapshot commits when every operation succeeds", async () => {
    const before = await customerCount();
    const res = await batch([1, 2].map((i) => ({ id: String(i), method: "POST", url: `${companyPath}/customers`, body: { displayName: `Snap ${i}` } })), { isolation: "snapshot" });
    expect(res.body.responses.map((r) => r.status)).toEqual([201, 201]);
    expect(await customerCount()).toBe(before + 2);
  });
  it("§5.3 deep insert works inside a batch", async () => {
    const res = await batch([{ id: "d", method: "POST", url: `${companyPath}/salesOrders`, body: { customerNumber: "30000", salesOrderLines: [{ lineObjectNumber: "1928-S", quantity: 2 }] } }]);
    expect(res.body.responses[0]!.status).toBe(201);
    expect(res.body.responses[0]!.body!["totalAmountExcludingTax"]).toBe(109.8);
  });
  it("dependsOn an operation that failed → 424", async () => {
    const res = await batch([
      { id: "x", method: "GET", url: `${companyPath}/nope` },
      { id: "y", method: "GET", url: `${companyPath}/items?$top=1`, dependsOn: ["x"] },
    ]);
    expect(res.body.responses.map((r) => r.status)).toEqual([404, 424]);
  });
  it("§6 a multipart/mixed batch (with a change set) is accepted and answered in the JSON format", async () => {
    const body = [
      "--batch_1",
      "Content-Type: application/http",
      "Content-Transfer-Encoding: binary",
      "",
      `GET ${companyPath}/items?$top=1&$select=number HTTP/1.1`,
      "Accept: application/json",
      "",
      "--batch_1",
      "Content-Type: multipart/mixed; boundary=changeset_1",
      "",
      "--changeset_1",
      "Content-Type: application/http",
      "Content-Transfer-Encoding: binary",
      "Content-ID: 7",
      "",
      `POST ${companyPath}/customers HTTP/1.1`,
      "Content-Type: application/json",
      "",
      JSON.stringify({ displayName: "Multipart Co" }),
      "--changeset_1--",
      "--batch_1--",
      "",
    ].join("\r\n");
    const res = await t.json<BatchBody>("/$batch", { method: "POST", headers: { "content-type": "multipart/mixed; boundary=batch_1" }, body });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.body.responses.map((r) => [r.id, r.status])).toEqual([["1", 200], ["7", 201]]);
    expect(res.body.responses[1]!.body!["displayName"]).toBe("Multipart Co");
    expect(res.body.responses[1]!.atomicityGroup).toBe("changeset_1");
  });
  it("§6/§7 more than 100 operations → 500 naming the limit", async () => {
    const res = await batch(Array.from({ length: 101 }, (_, i) => ({ id: String(i), method: "GET", url: `${companyPath}/items?$top=1` })));
    expect(res.status).toBe(500);
    expect((res.body as unknown as { error: { message: string } }).error.message).toContain("maximum number of '100' query operations and change sets are allowed in a batch message");
  });
});
