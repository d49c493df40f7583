// Through the real client: @bcts/odata's retry loop holds a RedisRequestLimiter lease per attempt and
// pauses the identity on 429. Three "workers" (own connection, limiter, provider, client each) against
// the emulator, which records requests in flight and queued per identity.
import { ClientSecretProvider } from "@bcts/auth";
import { startEmulator, type Emulator } from "@bcts/emulator";
import { createODataClient, identityKey } from "@bcts/odata";
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { apiV2_0 } from "../../odata/test/fixtures/api-model.js";
import { createRedisConnection, RedisRequestLimiter, RedisTokenCache } from "../src/index.js";
import { startRedisServer, type RedisServerProcess } from "./support/redis-server-process.js";

let server: RedisServerProcess;
let emu: Emulator;
const opened: { redis: Redis; limiter: RedisRequestLimiter }[] = [];
let run = 0;

function workerClient(keyPrefix: string) {
  const redis = createRedisConnection(server.url);
  const limiter = new RedisRequestLimiter({ redis, keyPrefix });
  opened.push({ redis, limiter });
  const credential = new ClientSecretProvider({
    tenantId: emu.tenantId, clientId: emu.clientId, clientSecret: emu.clientSecret, authorityHost: emu.authorityHost, ca: emu.caPem,
    sharedCache: new RedisTokenCache({ redis, keyPrefix }),
  });
  const client = createODataClient(apiV2_0, { tenantId: emu.tenantId, environment: emu.environment, baseUrl: emu.bcBaseUrl, credential, limiter });
  return { client, limiter, identity: identityKey(credential) };
}
const listCompanies = (c: ReturnType<typeof workerClient>["client"]) => c.companies.list({ select: ["id"] }).byPage().next();

beforeAll(async () => {
  [server, emu] = await Promise.all([startRedisServer(), startEmulator()]);
});
afterEach(async () => {
  emu.bc.faults.clear();
  for (const { redis, limiter } of opened.splice(0)) {
    await limiter.close();
    redis.disconnect();
  }
});
afterAll(async () => {
  await Promise.all([server.stop(), emu.close()]);
});

it("three workers' clients never have more than 5 requests in flight at BC, which never queues, and share one token", async () => {
  const prefix = `e2e${++run}:`;
  emu.bc.faults.add({ match: { path: "/companies" }, action: { kind: "latency", ms: 60 } });
  emu.bc.resetLimitStatistics();
  const tokensBefore = emu.entra.requests.filter((r) => r.endpoint === "token").length;
  const workers = [workerClient(prefix), workerClient(prefix), workerClient(prefix)];
  const pages = await Promise.all(Array.from({ length: 30 }, (_, i) => listCompanies(workers[i % 3]!.client)));
  expect(pages.every((p) => p.value!.value.length > 0)).toBe(true);
  const samples = emu.bc.inFlightTimeline;
  expect(Math.max(...samples.map((s) => s.inFlight))).toBe(5); // reached, so the bound is not vacuous
  expect(Math.max(...samples.map((s) => s.queued))).toBe(0); // three in-process limiters would make BC queue 10
  expect(emu.bc.limitStatistics.throttled).toBe(0);
  expect(emu.entra.requests.filter((r) => r.endpoint === "token").length - tokensBefore).toBe(1);
  expect((await workers[0]!.limiter.snapshot(workers[0]!.identity)).inFlight).toBe(0); // every lease given back
});

it("a 429 seen by one worker's client pauses the identity for every worker", async () => {
  const prefix = `e2e${++run}:`;
  const [a, b] = [workerClient(prefix), workerClient(prefix)];
  emu.bc.faults.add({ match: { path: "/companies" }, action: { kind: "status", status: 429, retryAfterSeconds: 1 }, times: 1 });
  const first = listCompanies(a.client); // gets the 429, pauses the identity for 1 s, retries after it
  let paused = 0;
  for (let i = 0; i < 50 && paused === 0; i++) {
    paused = (await b.limiter.snapshot(b.identity)).pausedUntil;
    if (paused === 0) await new Promise((r) => setTimeout(r, 20));
  }
  expect(paused).toBeGreaterThan(0); // worker b sees worker a's pause in Redis
  await listCompanies(b.client); // admitted only after the pause
  const [seconds, micros] = await opened[1]!.redis.time();
  expect(Number(seconds) * 1000 + Math.floor(Number(micros) / 1000)).toBeGreaterThanOrEqual(paused);
  await expect(first).resolves.toBeDefined();
});
