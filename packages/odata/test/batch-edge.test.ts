import { describe, expect, it } from "vitest";
import { createODataClient, ODataBatchError } from "../src/index.js";
import { apiV2_0 } from "./fixtures/api-model.js";

const COMPANY = "5d115c9c-44e3-ea11-bb43-000d3a2feca1";
function companyAnswering(body: unknown) {
  const sent: unknown[] = [];
  const fetch = async (request: Request) => {
    sent.push(await request.json());
    return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
  };
  return { sent, company: createODataClient(apiV2_0, { serviceRootUrl: "https://bc.example/api/v2.0", fetch, retry: false }).company(COMPANY) };
}

describe("$batch answers as BC really sends them", () => {
  it("atomic: BC answered only the failed first operation → every operation is reported missing or failed", async () => {
    const { company } = companyAnswering({ responses: [{ id: "1", status: 400, body: { error: { code: "BadRequest", message: "Invalid Request Body  CorrelationId:  11111111-2222-3333-4444-555555555555." } } }] });
    const error = await company.batch((b) => [b.customers.create({}), b.customers.create({}), b.customers.create({})], { atomic: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataBatchError);
    expect((error as ODataBatchError).failures.map((f) => [f.index, f.error.code, f.error.correlationId])).toEqual([[0, "BadRequest", "11111111-2222-3333-4444-555555555555"]]);
    expect((error as ODataBatchError).missing).toEqual([1, 2]);
  });

  it("inner ids null → matched by position; out-of-order ids → matched by id", async () => {
    const { company } = companyAnswering({
      responses: [
        { id: "2", status: 201, body: { id: "b" } },
        { id: null, status: 201, body: { id: "a" } },
      ],
    });
    const [a, b] = await company.batch((b) => [b.customers.create({}), b.customers.create({})], { atomic: true });
    expect([a.id, b.id]).toEqual(["a", "b"]);
  });

  it("list in a batch returns the page's value; get/delete decode", async () => {
    const { company, sent } = companyAnswering({
      responses: [
        { id: "1", status: 200, body: { value: [{ number: "1" }] } },
        { id: "2", status: 204 },
      ],
    });
    const [rows, deleted] = await company.batch((b) => [b.customers.list({ select: ["number"], top: 1 }), b.customers.byId(COMPANY).delete({ ifMatch: "*" })], { atomic: true });
    expect(rows).toEqual([{ number: "1" }]);
    expect(deleted).toBeUndefined();
    expect(sent[0]).toEqual({
      requests: [
        { id: "1", method: "GET", url: `companies(${COMPANY})/customers?$select=number&$top=1`, headers: {} },
        { id: "2", method: "DELETE", url: `companies(${COMPANY})/customers(${COMPANY})`, headers: { "if-match": "*" } },
      ],
    });
  });
});
