// Entry of the consumer program: type-checked and bundled by the bench, and run against the
// bench server. Target comes from BENCH_TARGET (JSON of ConsumerTarget).
import type { ConsumerTarget } from "../consumer-target";
import { createQueries } from "./queries";

const target = JSON.parse(process.env["BENCH_TARGET"] ?? "{}") as ConsumerTarget;
const q = createQueries(target);
const rows = [
  await q.listCompanies(),
  await q.customersSelectFilter(),
  await q.customerById(),
  await q.itemsOrderByTop(),
  await q.salesOrdersWithLines(),
];
console.log(JSON.stringify({ rows }));
