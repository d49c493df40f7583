import type { BenchServer } from "./canned-server.js";

/** Sends `count` requests for the five query URLs, so the server's code is warm before timing. */
export async function warmUp(server: BenchServer, count = 300): Promise<void> {
  const { serviceRoot, companyId, customerId, token } = server.target;
  const company = `${serviceRoot}/companies(${companyId})`;
  const urls = [
    `${serviceRoot}/companies`,
    `${company}/customers?$select=id,number,displayName&$filter=${encodeURIComponent("startswith(displayName,'A')")}`,
    `${company}/customers(${customerId})`,
    `${company}/items?$orderby=displayName&$top=5`,
    `${company}/salesOrders?$expand=salesOrderLines`,
  ];
  for (let i = 0; i < count; i++) {
    const res = await fetch(urls[i % urls.length]!, { headers: { Authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
  }
}
