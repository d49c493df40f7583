import { inspect } from "node:util";
import { expect, it } from "vitest";
import { fetchMetadata } from "../src/fetch/fetch-metadata.js";
import { MetadataFetchError } from "../src/fetch/metadata-fetch-error.js";

const TOKEN = "eyJ0eXAi.secret-metadata-token.sig";
const credential = { getToken: async () => ({ token: TOKEN, tokenType: "Bearer" as const, expiresOnTimestamp: Date.now() + 60_000 }) };

// Every way the metadata fetch fails, with a transport that sees the token (as a real one does).
const answers: readonly (readonly [string, () => Promise<Response>])[] = [
  ["401", async () => new Response(`{"error":{"code":"Authentication_InvalidCredentials"}}`, { status: 401, statusText: "Unauthorized" })],
  ["500", async () => new Response("oops", { status: 500, statusText: "Internal Server Error" })],
  ["an HTML login page", async () => new Response("<html>Sign in</html>", { status: 200, headers: { "content-type": "text/html" } })],
  ["an unreachable host", async () => { throw new TypeError("fetch failed", { cause: new Error("getaddrinfo ENOTFOUND bc.invalid") }); }],
];

it("metadata fetch errors never carry the bearer token (message, stack, inspect, JSON)", async () => {
  for (const [label, answer] of answers) {
    let sentToken = false;
    const fetch = (async (_url: string, init?: RequestInit) => {
      sentToken = new Headers(init?.headers).get("authorization") === `Bearer ${TOKEN}`;
      return answer();
    }) as typeof globalThis.fetch;
    const error = await fetchMetadata("https://bc.invalid/v2.0/t/Production/api/v2.0", { credential, fetch }).then(() => undefined, (e: unknown) => e);
    expect(error, label).toBeInstanceOf(MetadataFetchError);
    expect(sentToken, label).toBe(true);
    for (const text of [String(error), (error as Error).stack ?? "", inspect(error, { depth: 5 }), JSON.stringify(error)]) expect(text, label).not.toContain("secret-metadata-token");
  }
});
