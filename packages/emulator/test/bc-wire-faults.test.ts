import { afterEach, describe, expect, it } from "vitest";
import { faultAnswers, seededRandom } from "../src/bc/faults/fault-answers.js";
import { startTestBc, type TestBc } from "./support/start-test-bc.js";

let t: TestBc | undefined;
afterEach(async () => {
  await t?.bc.close();
  t = undefined;
});

/** Creates a customer with a unique display name; returns whether the client got an answer. */
async function post(bc: TestBc, name: string): Promise<Response | Error> {
  return bc.fetch(`${bc.company}/customers`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ displayName: name }) }).catch((e: Error) => e);
}

async function count(bc: TestBc, name: string): Promise<number> {
  const { body } = await bc.json<{ value: unknown[] }>(`${bc.company}/customers?$filter=displayName eq '${name}'`);
  return body.value.length;
}

describe("wire faults: what was applied and what the client sees", () => {
  it("lostResponse processes the write, then drops the connection", async () => {
    t = await startTestBc();
    t.bc.faults.add({ match: { method: "POST" }, action: { kind: "lostResponse" }, times: 1 });
    expect(await post(t, "Lost-1")).toBeInstanceOf(Error);
    expect(await count(t, "Lost-1")).toBe(1);
    expect(t.bc.requests.find((r) => r.method === "POST")?.status).toBe(0);
  });

  it("resetBeforeProcessing drops the connection and applies nothing", async () => {
    t = await startTestBc();
    t.bc.faults.add({ match: { method: "POST" }, action: { kind: "resetBeforeProcessing" }, times: 1 });
    expect(await post(t, "Reset-1")).toBeInstanceOf(Error);
    expect(await count(t, "Reset-1")).toBe(0);
  });

  it.each([
    [504, true, 1],
    [504, false, 0],
    [502, false, 0],
  ] as const)("gateway %i (afterProcessing %s) answers an HTML page; rows created: %i", async (status, afterProcessing, rows) => {
    t = await startTestBc();
    t.bc.faults.add({ match: { method: "POST" }, action: { kind: "gateway", status, afterProcessing }, times: 1 });
    const res = (await post(t, "Gw")) as Response;
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toBe("text/html");
    expect(await res.text()).toContain(`${status}`);
    expect(await count(t, "Gw")).toBe(rows);
  });

  it("answer faults replace the body; afterProcessing decides whether the write happened", async () => {
    t = await startTestBc();
    t.bc.faults.add({ match: { method: "POST" }, action: faultAnswers.valueNotArray(true), times: 1 });
    t.bc.faults.add({ match: { method: "POST" }, action: faultAnswers.htmlPage(false), times: 1 });
    const shaped = (await post(t, "Shape")) as Response;
    expect([shaped.status, await shaped.text()]).toEqual([200, '{"value":"abc"}']);
    const html = (await post(t, "Html")) as Response;
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await count(t, "Shape")).toBe(1);
    expect(await count(t, "Html")).toBe(0);
  });

  it("empty200 and xmlBody on reads", async () => {
    t = await startTestBc();
    t.bc.faults.add({ match: { method: "GET" }, action: faultAnswers.empty200(), times: 1 });
    t.bc.faults.add({ match: { method: "GET" }, action: faultAnswers.xmlBody(), times: 1 });
    const empty = await t.fetch("/companies");
    expect([empty.status, await empty.text()]).toEqual([200, ""]);
    const xml = await t.fetch("/companies");
    expect(xml.headers.get("content-type")).toBe("application/xml");
    expect(await xml.text()).toMatch(/^<\?xml/);
  });

  it("probability draws from the injected random: the same seed affects the same requests", async () => {
    const run = async (seed: number): Promise<number[]> => {
      const bc = await startTestBc();
      bc.bc.faults.useRandom(seededRandom(seed));
      bc.bc.faults.add({ match: { method: "GET" }, action: { kind: "status", status: 503 }, probability: 0.3 });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await bc.fetch("/companies")).status);
      await bc.bc.close();
      return statuses;
    };
    const first = await run(11);
    expect(await run(11)).toEqual(first);
    const hits = first.filter((s) => s === 503).length;
    expect(hits).toBeGreaterThan(0);
    expect(hits).toBeLessThan(40);
    expect(await run(12)).not.toEqual(first);
  });

  it("rejects a probability outside 0–1", async () => {
    t = await startTestBc();
    expect(() => t!.bc.faults.add({ action: { kind: "reset" }, probability: 1.5 })).toThrow(RangeError);
  });
});
