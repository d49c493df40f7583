// The program the release test installs from the local registry, type-checks (strict, NodeNext) and
// runs: what a new user writes after `npm install @bcts/auth @bcts/client @bcts/emulator`.
import { ClientSecretProvider } from "@bcts/auth";
import { createBusinessCentralClient } from "@bcts/client";
import { startEmulator } from "@bcts/emulator";

const emulator = await startEmulator({ port: 0 });
try {
  const credential = new ClientSecretProvider({
    tenantId: emulator.tenantId,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    authorityHost: emulator.authorityHost,
    ca: emulator.caPem,
  });
  const token = await credential.getToken();
  const bc = createBusinessCentralClient({
    tenantId: emulator.tenantId,
    environment: emulator.environment,
    baseUrl: emulator.bcBaseUrl,
    credential,
  });

  const companies = [];
  for await (const c of bc.companies.list({ select: ["id", "name"] })) companies.push(c);
  const company = companies[0];
  if (!company) throw new Error("the emulator has no company");

  const query = bc.company(company.id).customers.query({
    select: ["number", "displayName", "balanceDue"],
    filter: (f) => f.balanceDue.gt(0),
    orderBy: ["displayName"],
  });
  const customers = [];
  for await (const c of query.list()) {
    // @ts-expect-error `email` was not selected, so the published types must not offer it.
    void c.email;
    const balance: number | null = c.balanceDue;
    customers.push({ ...c, balanceDue: balance });
  }

  console.log(JSON.stringify({ tokenType: token.tokenType, url: query.toUrl(), companies, customers }));
} finally {
  await emulator.close();
}
