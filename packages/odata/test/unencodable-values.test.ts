// Issue 14: a string with a lone UTF-16 surrogate (e.g. an emoji cut in half by `slice`) can be
// stored in BC but has no UTF-8 form, so no URL can carry it. It used to escape as a raw `URIError`
// from deep inside the filter builder; now every path is an `ODataQueryError` naming the field.
import { describe, expect, it } from "vitest";
import { createODataClient, encodeLiteral, ODataQueryError, unsafeRawFilter } from "../src/index.js";
import { apiV2_0 } from "./fixtures/api-model.js";
import { odataV4 } from "./fixtures/odatav4-model.js";

const HIGH = "\uD83D"; // first half of 😀
const LOW = "\uDE00"; // second half
const ID = "5d115c9c-44e3-ea11-bb43-000d3a2feca1";
const bc = createODataClient(apiV2_0, { tenantId: "t", environment: "e", fetch: () => Promise.reject(new Error("nothing may be sent")) });
const v4 = createODataClient(odataV4, { serviceRootUrl: "https://server:7048/BC/ODataV4", fetch: () => Promise.reject(new Error("nothing may be sent")) });

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("lone surrogates", () => {
  it.each([
    ["a trailing high surrogate", `Adatum${HIGH}`],
    ["a leading low surrogate", `${LOW}Adatum`],
    ["two halves in the wrong order", `${LOW}${HIGH}`],
  ])("%s in a filter value is an ODataQueryError naming the field", (_, value) => {
    const error = caught(() => bc.company(ID).customers.query({ filter: (f) => f.displayName.eq(value) }).toUrl());
    expect(error).toBeInstanceOf(ODataQueryError);
    expect((error as Error).message).toContain('"displayName"');
    expect((error as Error).message).toMatch(/lone UTF-16 surrogate/);
  });

  it("in a string function argument, a string key, a company name and a raw filter", () => {
    const cases: Array<[() => unknown, string]> = [
      [() => bc.company(ID).customers.query({ filter: (f) => f.displayName.startsWith(`A${HIGH}`) }).toUrl(), '"displayName"'],
      [() => v4.company({ name: "CRONUS" }).CustomerCard.byId(`10${LOW}`).toUrl(), '"No"'],
      [() => v4.company({ name: `CRONUS${HIGH}` }).toUrl(), '"company name"'],
      [() => bc.company(ID).customers.query({ filter: unsafeRawFilter(`displayName eq 'A${HIGH}'`) }).toUrl(), "$filter"],
    ];
    for (const [run, named] of cases) {
      const error = caught(run);
      expect(error).toBeInstanceOf(ODataQueryError);
      expect((error as Error).message).toContain(named);
    }
  });

  it("a well-formed pair (a whole emoji) is encoded as UTF-8", () => {
    expect(encodeLiteral("Edm.String", `A${HIGH}${LOW}`)).toBe(`'A${HIGH}${LOW}'`);
    expect(bc.company(ID).customers.query({ filter: (f) => f.displayName.eq(`A${HIGH}${LOW}`) }).toUrl()).toContain("displayName%20eq%20'A%F0%9F%98%80'");
  });

  it("nothing is sent: list() throws the ODataQueryError while building the request", () => {
    expect(() => bc.company(ID).customers.list({ filter: (f) => f.displayName.eq(HIGH) })).toThrow(ODataQueryError);
  });
});
