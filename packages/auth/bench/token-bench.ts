// Token benchmark: node --conditions=@bcts/source --import tsx packages/auth/bench/token-bench.ts
// Real msal-node against the emulator's fake Entra ID over HTTPS on loopback. Not a test: prints figures.
import { randomUUID } from "node:crypto";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { FAKE_ENTRA_DEMO, startFakeEntra, type FakeEntra } from "@bcts/emulator";
import { ClientSecretProvider, TenantProviderPool } from "../src/index.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const rows: [string, string, string][] = [];

const entra = await startFakeEntra();
const options = (tenantId: string) => ({ tenantId, clientId: FAKE_ENTRA_DEMO.clientId, clientSecret: FAKE_ENTRA_DEMO.clientSecret, authorityHost: entra.origin, ca: entra.caPem });
const posts = (fake: FakeEntra) => fake.requests.filter((r) => r.endpoint === "token").length;

// 1. Single flight: 1,000 concurrent cold callers (msal-node alone: one POST per caller, msal-node-notes §4).
{
  entra.setBehavior((r) => (r.endpoint === "token" ? { delayInMs: 50 } : undefined));
  const provider = new ClientSecretProvider(options(FAKE_ENTRA_DEMO.tenantId));
  entra.clearRequests();
  const started = performance.now();
  const tokens = await Promise.all(Array.from({ length: 1_000 }, () => provider.getToken()));
  const ms = performance.now() - started;
  rows.push(["token requests for 1,000 concurrent getToken", String(posts(entra)), `goal 1; ${new Set(tokens.map((t) => t.token)).size} distinct token(s), ${ms.toFixed(0)} ms`]);
  entra.setBehavior(undefined);

  // 2. Cached getToken latency.
  const samples: number[] = [];
  for (let i = 0; i < 100_000; i++) {
    const t0 = performance.now();
    await provider.getToken();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const pct = (p: number) => `${(samples[Math.floor(samples.length * p)]! * 1000).toFixed(2)} µs`;
  rows.push(["cached getToken latency p50", pct(0.5), `p99 ${pct(0.99)}, 100,000 sequential calls`]);
}

// 3. Memory with 1,000 tenants: one provider (MSAL app + cached token) per tenant through the pool.
{
  const tenantIds = Array.from({ length: 1_000 }, () => randomUUID());
  for (const id of tenantIds) entra.addTenant({ id, apps: [{ clientId: FAKE_ENTRA_DEMO.clientId, secrets: [{ value: FAKE_ENTRA_DEMO.clientSecret }] }] });
  const pool = new TenantProviderPool((tenantId) => new ClientSecretProvider(options(tenantId)), { maxTenants: 1_000 });
  gc();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  for (let i = 0; i < tenantIds.length; i += 50) await Promise.all(tenantIds.slice(i, i + 50).map((id) => pool.forTenant(id).getToken()));
  const ms = performance.now() - started;
  entra.clearRequests();
  gc();
  const after = process.memoryUsage().heapUsed;
  const hitStart = performance.now();
  for (const id of tenantIds) await pool.forTenant(id).getToken();
  const hitUs = ((performance.now() - hitStart) / tenantIds.length) * 1000;
  rows.push(["heap for 1,000 tenants (provider + token each)", `${((after - before) / 1024 / 1024).toFixed(1)} MB`, `${((after - before) / 1024 / tenantIds.length).toFixed(1)} KB/tenant; first tokens in ${(ms / 1000).toFixed(1)} s`]);
  rows.push(["cached getToken across 1,000 tenants", `${hitUs.toFixed(1)} µs`, `${posts(entra)} token requests during the pass (goal 0)`]);
}

await entra.close();
const width = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length), ["measure", "value", "notes"][i]!.length));
const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(width[i]!)).join(" | ")} |`;
console.log([line(["measure", "value", "notes"]), `|${width.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n"));
console.log(`node ${process.version}, ${new Date().toISOString()}`);
