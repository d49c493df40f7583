import { describe, expect, it } from "vitest";
import { createODataClient, createTypeRegistry, defineEntitySet, defineRoute, type ActionModel, type EntityModel } from "../src/index.js";

const registry = createTypeRegistry("api/contoso/app/v1.0");
interface JobModel extends EntityModel {
  readonly entity: { readonly id: string; readonly "@odata.etag"?: string };
  readonly create: {};
  readonly update: {};
  readonly key: string;
  readonly fields: { readonly id: "Edm.Guid" };
  readonly navigation: {};
  readonly actions: { readonly restart: ActionModel<{ delayInSeconds: number }, number>; readonly cancel: ActionModel<{}, void> };
  readonly streams: never;
}
const jobType = registry.define<JobModel>({
  name: "Microsoft.NAV.job",
  keys: ["id"],
  properties: { id: "Edm.Guid" },
  navigation: {},
  actions: {
    restart: { name: "Microsoft.NAV.restart", kind: "action", parameters: { delayInSeconds: "Edm.Int32" }, returns: "Edm.Int32" },
    cancel: { name: "Microsoft.NAV.cancel", kind: "action", parameters: {}, returns: null },
  },
  streams: [],
});
const route = defineRoute({ kind: "api", path: "api/contoso/app/v1.0", sets: { jobs: defineEntitySet<JobModel, "company">({ name: "jobs", type: jobType, scope: "company", capabilities: { insert: true, update: true, delete: true } }) }, operations: {} });
const ID = "5d115c9c-44e3-ea11-bb43-000d3a2feca1";

describe("bound actions", () => {
  it("sends parameters as JSON, If-Match when given, and unwraps a primitive result", async () => {
    const sent: Array<{ url: string; body: string; ifMatch: string | null; contentType: string | null }> = [];
    const fetch = async (request: Request) => {
      sent.push({ url: request.url, body: await request.text(), ifMatch: request.headers.get("If-Match"), contentType: request.headers.get("Content-Type") });
      return sent.length === 1 ? new Response(JSON.stringify({ "@odata.context": "x/$metadata#Edm.Int32", value: 7 }), { status: 200, headers: { "Content-Type": "application/json" } }) : new Response(null, { status: 204 });
    };
    const jobs = createODataClient(route, { tenantId: "t", environment: "e", fetch, retry: false }).company(ID).jobs;
    await expect(jobs.byId(ID).restart({ delayInSeconds: 5 }, { etag: 'W/"1"' })).resolves.toBe(7);
    await expect(jobs.byId(ID).cancel()).resolves.toBeUndefined();
    expect(sent).toEqual([
      { url: `https://api.businesscentral.dynamics.com/v2.0/t/e/api/contoso/app/v1.0/companies(${ID})/jobs(${ID})/Microsoft.NAV.restart`, body: '{"delayInSeconds":5}', ifMatch: 'W/"1"', contentType: "application/json" },
      { url: `https://api.businesscentral.dynamics.com/v2.0/t/e/api/contoso/app/v1.0/companies(${ID})/jobs(${ID})/Microsoft.NAV.cancel`, body: "", ifMatch: null, contentType: null },
    ]);
  });
});
