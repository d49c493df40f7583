import { describe, expect, it } from "vitest";
import { decideRetry, type RetryOptions } from "../src/index.js";

const options: RetryOptions = { maxRetries: 3, retryDelayInMs: 1000, maxRetryDelayInMs: 30_000, deadlineInMs: 300_000 };
const now = Date.UTC(2026, 0, 1);
const res = (status: number, headers: Record<string, string> = {}) => new Response(null, { status, headers });
const net = (code: string) => Object.assign(new TypeError("fetch failed"), { cause: { code } });

describe("decideRetry (given method, attempt, outcome → want retry, delay)", () => {
  const table: Array<[string, string, number, { response?: Response; error?: unknown }, false | number]> = [
    ["200 is final", "GET", 0, { response: res(200) }, false],
    ["400 is final", "GET", 0, { response: res(400) }, false],
    ["409 is final", "PATCH", 0, { response: res(409) }, false],
    ["429 GET, no Retry-After: backoff 1000·2^0·0.75", "GET", 0, { response: res(429) }, 750],
    ["429 POST retried (not processed)", "POST", 0, { response: res(429) }, 750],
    ["503 PATCH retried (queue timeout, not processed)", "PATCH", 1, { response: res(503) }, 1500],
    ["Retry-After seconds", "GET", 0, { response: res(429, { "Retry-After": "12" }) }, 12_000],
    ["Retry-After is not capped (honoured up to the deadline, by the loop)", "GET", 0, { response: res(503, { "Retry-After": "3600" }) }, 3_600_000],
    ["Retry-After HTTP date", "GET", 0, { response: res(503, { "Retry-After": new Date(now + 5000).toUTCString() }) }, 5000],
    ["Retry-After in the past", "GET", 0, { response: res(503, { "Retry-After": new Date(now - 5000).toUTCString() }) }, 0],
    ["504 GET retried", "GET", 2, { response: res(504) }, 3000],
    ["504 POST not retried", "POST", 0, { response: res(504) }, false],
    ["408 PATCH not retried", "PATCH", 0, { response: res(408) }, false],
    ["408 DELETE retried", "DELETE", 0, { response: res(408) }, 750],
    ["502 GET retried", "GET", 0, { response: res(502) }, 750],
    ["backoff capped", "GET", 2, { response: res(429) }, 3000],
    ["attempts exhausted", "GET", 3, { response: res(502) }, false],
    ["throttling is not bounded by maxRetries (the deadline bounds it)", "GET", 7, { response: res(429) }, 22_500],
    ["wrong credentials (retryable: false) are never retried", "GET", 0, { error: Object.assign(new Error("AADSTS7000215"), { name: "AuthenticationConfigurationError", retryable: false }) }, false],
    ["token service unavailable (retryable: true): retried, even for POST", "POST", 0, { error: Object.assign(new Error("503 from Entra"), { name: "TransientAuthenticationError", retryable: true }) }, 750],
    ["network error GET", "GET", 0, { error: net("ECONNRESET") }, 750],
    ["reset connection POST: may have been processed", "POST", 0, { error: net("ECONNRESET") }, false],
    ["refused connection POST: provably not sent", "POST", 0, { error: net("ECONNREFUSED") }, 750],
    ["DNS failure PATCH: provably not sent", "PATCH", 0, { error: net("ENOTFOUND") }, 750],
    ["caller abort", "GET", 0, { error: new DOMException("aborted", "AbortError") }, false],
  ];
  it.each(table)("%s", (_, method, attempt, outcome, want) => {
    const decision = decideRetry({ method, attempt, now, random: 0.5, ...outcome }, options);
    expect(decision.retry ? decision.delayInMs : false).toBe(want);
    expect(decision.reason).not.toBe("");
  });

  it("maxRetries 0 disables throttling retries too", () => {
    expect(decideRetry({ method: "GET", attempt: 0, now, random: 0.5, response: res(429) }, { ...options, maxRetries: 0 })).toMatchObject({ retry: false });
  });

  it("jitter spans 50–100 % of the backoff step", () => {
    const at = (random: number) => decideRetry({ method: "GET", attempt: 1, now, random, response: res(429) }, options);
    expect(at(0)).toMatchObject({ retry: true, delayInMs: 1000 });
    expect(at(0.999)).toMatchObject({ retry: true, delayInMs: 1999 });
  });
});
