import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, it } from "vitest";
import { goldenDir } from "./golden-cases.js";
import { typecheck } from "./typecheck.js";

// openapi-fetch is @bcts/odata's transport, not a codegen dependency: it is located in the workspace store.
const store = join(goldenDir, "../../../../node_modules/.pnpm");
const packageDir = (name: string) => {
  const hit = readdirSync(store).filter((d) => d.startsWith(`${name}@`)).sort().pop();
  if (!hit) throw new Error(`${name} is not installed in the workspace (${store})`);
  return join(store, hit, "node_modules", name, "dist/index.d.mts");
};

it("paths.ts works with openapi-fetch: typed params, bodies and results; missing operations rejected", () => {
  const dir = join(goldenDir, "../.tmp/openapi-fetch");
  mkdirSync(dir, { recursive: true });
  const v2 = relative(dir, join(goldenDir, "api-v2.0.erlorenz-bc-codegen.2025-08/paths.js"));
  const v4 = relative(dir, join(goldenDir, "odatav4.ronak000-myportal.connected-service-csdl/paths.js"));
  writeFileSync(join(dir, "check.ts"), `import createClient from "openapi-fetch";
import type { paths } from "${v2}";
import type { paths as v4 } from "${v4}";
const client = createClient<paths>({ baseUrl: "http://x", querySerializer: { array: { style: "form", explode: false } } });
export async function demo() {
  const list = await client.GET("/companies({company_id})/customers", { params: { path: { company_id: "c" }, query: { $select: ["displayName"], $top: 5 } } });
  const names: string[] | undefined = list.data?.value.map((c) => c.displayName);
  const one = await client.GET("/companies({company_id})/customers({id})", { params: { path: { company_id: "c", id: "i" } } });
  const balance: number | null | undefined = one.data?.balanceDue;
  await client.PATCH("/companies({company_id})/customers({id})", { params: { path: { company_id: "c", id: "i" }, header: { "If-Match": "*" } }, body: { displayName: "x" } });
  await client.GET("/companies");
  // @ts-expect-error read-only set: no POST
  await client.POST("/companies({company_id})/generalLedgerEntries", { params: { path: { company_id: "c" } }, body: {} });
  // @ts-expect-error unknown field in $select
  await client.GET("/companies({company_id})/customers", { params: { path: { company_id: "c" }, query: { $select: ["nope"] } } });
  const odata = createClient<v4>({ baseUrl: "http://x" });
  await odata.GET("/Company('{company_name}')/Customer_Details_WS('{No}')", { params: { path: { company_name: "CRONUS", No: "10000" } } });
  return [names, balance];
}
`);
  const { diagnostics } = typecheck(dir, { paths: { "openapi-fetch": [packageDir("openapi-fetch")], "openapi-typescript-helpers": [packageDir("openapi-typescript-helpers")] } });
  expect(diagnostics).toEqual([]);
}, 60_000);
