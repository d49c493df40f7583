import { describe, expect, it } from "vitest";
import { createODataClient } from "../src/index.js";
import { odataV4 } from "./fixtures/odatav4-model.js";

/** An injected transport that records requests and answers from a queue. */
function recorder(answers: Array<() => Response>) {
  const sent: Array<{ method: string; url: string; headers: Headers; body: string }> = [];
  const fetch = async (request: Request) => {
    sent.push({ method: request.method, url: request.url, headers: request.headers, body: await request.text() });
    const answer = answers.shift();
    if (answer === undefined) throw new Error("unexpected request");
    return answer();
  };
  return { sent, fetch };
}
const json = (status: number, body: unknown) => () => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

const ROOT = "https://server:7048/BC/ODataV4";

describe("ODataV4 route (on-premises)", () => {
  it("reads and updates an entity with a composite key under Company('name')", async () => {
    const { sent, fetch } = recorder([json(200, { Document_Type: "Order", No: "101005", Sell_to_Customer_Name: "A", "@odata.etag": 'W/"1"' }), json(200, { Document_Type: "Order", No: "101005", Sell_to_Customer_Name: "B", "@odata.etag": 'W/"2"' })]);
    const v4 = createODataClient(odataV4, { serviceRootUrl: ROOT, fetch, retry: false }).company({ name: "CRONUS USA, Inc." });
    const order = v4.SalesOrder.byId({ Document_Type: "Order", No: "101005" });
    const read = await order.get();
    await order.update({ Sell_to_Customer_Name: "B" }, { entity: read });
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${ROOT}/Company('CRONUS%20USA%2C%20Inc.')/SalesOrder(Document_Type='Order',No='101005')`,
      `PATCH ${ROOT}/Company('CRONUS%20USA%2C%20Inc.')/SalesOrder(Document_Type='Order',No='101005')`,
    ]);
    expect(sent[1]!.headers.get("If-Match")).toBe('W/"1"');
    expect(sent[0]!.headers.get("Authorization")).toBeNull();
  });

  it("invokes an unbound codeunit action with ?company= and unwraps a primitive result", async () => {
    const { sent, fetch } = recorder([json(200, { "@odata.context": `${ROOT}/$metadata#Edm.Int32`, value: 12 })]);
    const v4 = createODataClient(odataV4, { serviceRootUrl: ROOT, fetch, retry: false }).company({ name: "CRONUS & Co" });
    await expect(v4.invoke("CompanySetupService_ConfigureCompany", { name: "x" })).resolves.toBe(12);
    expect(sent[0]).toMatchObject({ method: "POST", url: `${ROOT}/CompanySetupService_ConfigureCompany?company=CRONUS%20%26%20Co`, body: '{"name":"x"}' });
    // @ts-expect-error the route has no operation "Nope" (a JavaScript caller still gets a clear rejection)
    await expect(v4.invoke("Nope")).rejects.toThrow(/has no unbound operation "Nope"/);
  });
});
