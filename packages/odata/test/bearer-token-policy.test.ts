// The bearer policy alone: it signs a copy (the given request never carries the token), the copy
// and the 401 re-send keep the attempt's signal, and a body survives the re-send.
import { describe, expect, it } from "vitest";
import { attemptSignalOf, setAttemptSignal } from "../src/pipeline/attempt-signal.js";
import { bearerTokenPolicy } from "../src/pipeline/bearer-token-policy.js";

describe("bearerTokenPolicy", () => {
  it("a POST answered 401 is re-sent with the refreshed token, its body and the attempt's signal; the original never holds a token", async () => {
    const sent: Array<{ auth: string | null; body: string; signal: AbortSignal; redirect: string }> = [];
    const next = async (r: Request) => {
      sent.push({ auth: r.headers.get("Authorization"), body: await r.text(), signal: attemptSignalOf(r), redirect: r.redirect });
      return new Response(null, { status: sent.length === 1 ? 401 : 201 });
    };
    const credential = { getToken: async (o?: { forceRefresh?: boolean }) => ({ token: o?.forceRefresh ? "fresh" : "stale" }) };
    const request = new Request("https://bc.example/customers", { method: "POST", body: '{"displayName":"A"}' });
    const attempt = new AbortController().signal;
    setAttemptSignal(request, attempt);
    const response = await bearerTokenPolicy(credential)(request, next);
    expect(response.status).toBe(201);
    expect(sent).toEqual([
      { auth: "Bearer stale", body: '{"displayName":"A"}', signal: attempt, redirect: "manual" },
      { auth: "Bearer fresh", body: '{"displayName":"A"}', signal: attempt, redirect: "manual" },
    ]);
    expect(request.headers.get("Authorization")).toBeNull();
  });
});
