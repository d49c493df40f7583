import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchMetadata } from "../src/fetch/fetch-metadata.js";
import { MetadataFetchError } from "../src/fetch/metadata-fetch-error.js";
import { edmx } from "./edmx.js";

const credential = { getToken: async () => ({ token: "t0k3n", tokenType: "Bearer" as const, expiresOnTimestamp: Date.now() + 60_000 }) };
const seen: { url: string | undefined; headers: IncomingHttpHeaders }[] = [];
let server: Server;
let root: string;

// A real HTTP server: each path answers the way a misbehaving endpoint would.
beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url, headers: req.headers });
    if (req.url === "/ok/api/v2.0/$metadata") res.writeHead(200, { "content-type": "application/xml;charset=utf-8" }).end(edmx(""));
    else if (req.url === "/html/$metadata") res.writeHead(200, { "content-type": "text/html" }).end("<html>Sign in</html>");
    else if (req.url === "/json/$metadata") res.writeHead(200, { "content-type": "application/json" }).end(`{"value":[]}`);
    else if (req.url === "/moved/$metadata") res.writeHead(307, { location: "http://127.0.0.2:9/elsewhere/$metadata?sig=abc" }).end();
    else if (req.url === "/same/$metadata") res.writeHead(302, { location: "/ok/api/v2.0/$metadata" }).end();
    else if (req.url === "/denied/$metadata") res.writeHead(401, "Unauthorized", { "content-type": "application/json" }).end(`{"error":{"code":"Authentication_InvalidCredentials"}}`);
    else res.writeHead(404, "Not Found").end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function failure(url: string): Promise<MetadataFetchError> {
  const error = await fetchMetadata(url, { credential }).then(() => undefined, (e: unknown) => e);
  if (!(error instanceof MetadataFetchError)) throw new Error(`expected a MetadataFetchError, got ${String(error)}`);
  return error;
}

describe("fetchMetadata", () => {
  it("refuses redirects (another origin or the same one) instead of sending the token after them", async () => {
    const before = seen.length;
    const other = await failure(`${root}/moved`);
    expect(other.status).toBe(307);
    expect(other.message).toContain("redirect to http://127.0.0.2:9/elsewhere/$metadata?…");
    expect(other.message).not.toContain("sig=abc");
    const same = await failure(`${root}/same`);
    expect(same.status).toBe(302);
    // Nothing followed: one request per call, both to the configured URLs.
    expect(seen.slice(before).map((s) => s.url)).toEqual(["/moved/$metadata", "/same/$metadata"]);
  });

  it("GETs {serviceRoot}/$metadata with the bearer token and returns the XML", async () => {
    const xml = await fetchMetadata(`${root}/ok/api/v2.0/`, { credential });
    expect(xml).toBe(edmx(""));
    expect(seen.at(-1)).toMatchObject({ url: "/ok/api/v2.0/$metadata", headers: { authorization: "Bearer t0k3n" } });
  });

  it("names status and URL on a non-2xx answer, with the body and a remedy", async () => {
    const error = await failure(`${root}/denied`);
    expect(error).toBeInstanceOf(MetadataFetchError);
    expect(error.status).toBe(401);
    expect(error.message).toContain(`${root}/denied/$metadata answered 401 Unauthorized`);
    expect(error.message).toContain("Authentication_InvalidCredentials");
    expect(error.remedy).toMatch(/tenant id/);
  });

  it.each([["json", "application/json", `{"value":[]}`], ["html", "text/html", "<html>Sign in</html>"]])("says when the answer is not XML (%s)", async (path, type, start) => {
    const error = await failure(`${root}/${path}`);
    expect(error).toBeInstanceOf(MetadataFetchError);
    expect(error.message).toContain(`content-type ${type}`);
    expect(error.message).toContain(JSON.stringify(start));
  });

  it("names the URL when the endpoint is unreachable", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const error = await failure(`http://127.0.0.1:${port}/api/v2.0`);
    expect(error).toBeInstanceOf(MetadataFetchError);
    expect(error.message).toContain(`GET http://127.0.0.1:${port}/api/v2.0/$metadata could not reach the server`);
    expect(error.status).toBeUndefined();
  });

  it("uses an injected fetch", async () => {
    const calls: string[] = [];
    const fake: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response(edmx(""), { headers: { "content-type": "application/xml" } });
    };
    await fetchMetadata("https://bc.example/v2.0/t/Production/api/v2.0", { credential, fetch: fake });
    expect(calls).toEqual(["https://bc.example/v2.0/t/Production/api/v2.0/$metadata"]);
  });
});
