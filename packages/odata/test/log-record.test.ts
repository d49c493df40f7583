import { describe, expect, it } from "vitest";
import { consoleLogger, logRecordOfEvent, sanitizeUrl, type LogLevel, type PipelineEvent } from "../src/index.js";

const ROOT = "https://api.businesscentral.dynamics.com/v2.0/t/production/api/v2.0/companies(1)/customers";

describe("sanitizeUrl keeps the shape of a request, not its data", () => {
  it.each([
    { url: `${ROOT}?$select=number,displayName&$top=5&$orderby=number`, want: `${ROOT}?$select=number,displayName&$top=5&$orderby=number` },
    { url: `${ROOT}?$filter=email eq 'ceo@contoso.com'`, want: `${ROOT}?$filter=REDACTED` },
    { url: `${ROOT}?$skiptoken=abc&$search=secret&sig=xyz&code=123`, want: `${ROOT}?$skiptoken=REDACTED&$search=REDACTED&sig=REDACTED&code=REDACTED` },
    { url: "https://user:pa55@host.example/path#frag", want: "https://host.example/path" },
    { url: "not a url", want: "(unparsable url)" },
  ])("$url", ({ url, want }) => expect(sanitizeUrl(url)).toBe(want));
});

describe("logRecordOfEvent: one record per event kind, built from allow-listed fields", () => {
  const base = { identity: "https://login.microsoftonline.com|t|c", method: "GET", url: `${ROOT}?$filter=name eq 'Secret Corp'`, clientRequestId: "r-1", attempt: 1, at: 0 };
  const events: PipelineEvent[] = [
    { ...base, kind: "queued", waitedInMs: 120, probe: false },
    { ...base, kind: "throttled", status: 429, retryAfterInMs: 5_000 },
    { ...base, kind: "paused", delayInMs: 5_000, reason: "429, Retry-After", fromRetryAfter: true },
    { ...base, kind: "retry", delayInMs: 800, reason: "503 Service Unavailable", throttled: true },
    { ...base, kind: "gave-up", reason: "the deadline is reached", elapsedInMs: 300_000, throttled: true },
  ];
  const levels: Record<PipelineEvent["kind"], LogLevel> = { queued: "verbose", throttled: "warning", paused: "info", retry: "info", "gave-up": "warning" };

  it.each(events)("$kind", (event) => {
    const record = logRecordOfEvent(event);
    expect(record.level).toBe(levels[event.kind]);
    expect(record.fields.event).toBe(event.kind);
    expect(record.fields.clientRequestId).toBe("r-1");
    expect(JSON.stringify(record)).not.toContain("Secret Corp");
    expect(Object.values(record.fields).every((v) => ["string", "number", "boolean"].includes(typeof v))).toBe(true);
  });
});

describe("consoleLogger", () => {
  it("drops lines below its level and prints level, message and context", () => {
    const out: string[] = [];
    const logger = consoleLogger({ level: "info", write: (_level, line) => out.push(line) });
    logger.verbose?.("hidden");
    logger.info?.("shown", { status: 200 });
    logger.error?.("bad");
    expect(logger.verbose).toBeUndefined();
    expect(out).toEqual(['info shown {"status":200}', "error bad"]);
  });
});
