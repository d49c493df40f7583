// The redirect policy on its own, with a scripted transport: what a browser's fetch does
// (`opaqueredirect`), the hop limit, and that a followed hop keeps method, headers and signal.
import { describe, expect, it } from "vitest";
import { ODataRedirectError } from "../src/index.js";
import { attemptSignalOf, setAttemptSignal } from "../src/pipeline/attempt-signal.js";
import { redirectPolicy } from "../src/pipeline/redirect-policy.js";

const ROOT = "https://bc.example/v2.0/t/production/api/v2.0";

function scripted(answers: Array<(request: Request) => Response>) {
  const seen: Request[] = [];
  const next = async (request: Request) => {
    seen.push(request);
    return answers.shift()!(request);
  };
  return { seen, next };
}
const redirect = (status: number, location: string) => () => new Response(null, { status, headers: { Location: location } });

describe("redirectPolicy", () => {
  it("sends every request with redirect: manual, leaving the caller's request alone", async () => {
    const { seen, next } = scripted([() => new Response("{}")]);
    const request = new Request(`${ROOT}/companies`);
    await redirectPolicy()(request, next);
    expect(seen[0]!.redirect).toBe("manual");
    expect(request.redirect).toBe("follow");
  });

  it("a browser's opaqueredirect (target hidden) is refused", async () => {
    const opaque = { type: "opaqueredirect", status: 0, headers: new Headers(), body: null } as unknown as Response;
    const { next } = scripted([() => opaque]);
    const error = await redirectPolicy()(new Request(`${ROOT}/companies`, { redirect: "manual" }), next).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataRedirectError);
    expect(error).toMatchObject({ reason: "opaque", location: undefined });
  });

  it("a followed hop keeps method, headers and the caller's abort signal; relative locations resolve against the current URL", async () => {
    const { seen, next } = scripted([redirect(308, "moved/companies"), () => new Response("{}")]);
    const controller = new AbortController();
    await redirectPolicy()(new Request(`${ROOT}/companies`, { headers: { "client-request-id": "abc", Authorization: "Bearer t" }, signal: controller.signal, redirect: "manual" }), next);
    expect(seen[1]!.url).toBe(`${ROOT}/moved/companies`);
    expect([seen[1]!.method, seen[1]!.headers.get("client-request-id"), seen[1]!.headers.get("Authorization")]).toEqual(["GET", "abc", "Bearer t"]);
    controller.abort(new Error("stop"));
    expect(seen[1]!.signal.aborted).toBe(true);
  });

  it("every hop is bounded by the attempt's signal (its per-attempt timeout)", async () => {
    const { seen, next } = scripted([redirect(302, "/a"), () => new Response("{}")]);
    const attempt = new AbortController().signal;
    const request = new Request(`${ROOT}/companies`);
    setAttemptSignal(request, attempt);
    await redirectPolicy()(request, next);
    expect(seen.map((r) => attemptSignalOf(r))).toEqual([attempt, attempt]);
  });

  it("a Location that is not a URL is refused, not thrown as a TypeError (which a GET would retry)", async () => {
    const { seen, next } = scripted([redirect(302, "http://[::1")]);
    await expect(redirectPolicy()(new Request(`${ROOT}/companies`), next)).rejects.toMatchObject({ name: "ODataRedirectError", reason: "invalid-location", location: "http://[::1" });
    expect(seen).toHaveLength(1);
  });

  it("maxRedirects bounds the hops", async () => {
    const { seen, next } = scripted([redirect(302, "/a"), redirect(302, "/b"), redirect(302, "/c")]);
    await expect(redirectPolicy(2)(new Request(`${ROOT}/companies`), next)).rejects.toMatchObject({ reason: "too-many", location: "https://bc.example/c" });
    expect(seen).toHaveLength(3);
  });

  it("HEAD follows like GET; a 304 is an answer, not a redirect", async () => {
    const { seen, next } = scripted([redirect(301, "/x"), () => new Response(null, { status: 304, headers: { Location: "https://elsewhere.example/" } })]);
    const response = await redirectPolicy()(new Request(`${ROOT}/companies`, { method: "HEAD" }), next);
    expect(response.status).toBe(304);
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([`HEAD ${ROOT}/companies`, "HEAD https://bc.example/x"]);
  });
});
