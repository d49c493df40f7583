/** What a fault rule does to a matching request. */
export type FaultAction =
  /**
   * The answer takes `ms` (holding the identity's concurrency slot), counted from when the request came
   * in or, if BC queued it, got its slot. `processing`: `"after"` (default) waits, then processes — an
   * abort during the wait leaves nothing applied; `"during"` processes at once and answers when `ms` have
   * passed, as BC does when its own work is the latency (one Node thread then spends its CPU inside the
   * window instead of after it, so the emulator's cost does not add to every request).
   */
  | { readonly kind: "latency"; readonly ms: number; readonly processing?: "after" | "during" }
  /** Answer with this status and a BC error body instead of processing (e.g. 429, 503 with Retry-After). */
  | { readonly kind: "status"; readonly status: number; readonly code?: string; readonly message?: string; readonly retryAfterSeconds?: number }
  /** Process the request (a write commits), then destroy the connection without an answer: the answer is lost. */
  | { readonly kind: "reset" }
  /** The same as `reset`, named for what the client experiences. */
  | { readonly kind: "lostResponse" }
  /** Destroy the connection after reading the request, before processing it: nothing is applied. */
  | { readonly kind: "resetBeforeProcessing" }
  /** Process normally, then send a truncated JSON body (with a matching Content-Length). */
  | { readonly kind: "malformedBody" }
  /**
   * A gateway in front of BC answers 502/504 with an HTML page. `afterProcessing: true`: BC processed the
   * request first (a 504 after commit); default false (nothing reached BC).
   */
  | { readonly kind: "gateway"; readonly status: 502 | 504; readonly afterProcessing?: boolean }
  /**
   * Replace the answer with this status, content type and body (HTML login page, XML, `{"value":"abc"}`, an
   * empty 200…). `afterProcessing: true` processes the request first (a write commits); see `faultAnswers`.
   */
  | { readonly kind: "answer"; readonly status?: number; readonly contentType?: string; readonly body: string; readonly afterProcessing?: boolean }
  /** 401 as if the (still valid) token had expired early. */
  | { readonly kind: "expireToken" };

export interface FaultMatch {
  readonly method?: string;
  /** Substring of, or pattern for, the request path. */
  readonly path?: string | RegExp;
  readonly appId?: string;
}

export interface FaultRule {
  readonly match?: FaultMatch;
  readonly action: FaultAction;
  /** How many matching requests it affects. Default: all. */
  readonly times?: number;
  /**
   * Chance (0–1) that a matching request is affected; draws from the injector's `random` (seed it with
   * `faults.useRandom(seededRandom(42))` for repeatable runs). Default 1.
   */
  readonly probability?: number;
}

export interface FaultHandle {
  /** Matching requests affected so far. */
  readonly hits: number;
  remove(): void;
}

interface ActiveRule {
  readonly rule: FaultRule;
  hits: number;
}

/**
 * Fault injection for the BC server: rules match requests in the order they were added. Several rules
 * may apply to one request: latencies add up, the first other matching rule decides the answer.
 *
 * @example
 * emu.bc.faults.useRandom(seededRandom(7));
 * emu.bc.faults.add({ match: { method: "POST" }, action: { kind: "lostResponse" }, probability: 0.1 });
 */
export class FaultInjector {
  private rules: ActiveRule[] = [];
  private random: () => number = Math.random;

  /** The source of randomness for `probability` (default `Math.random`). */
  useRandom(random: () => number): void {
    this.random = random;
  }

  add(rule: FaultRule): FaultHandle {
    if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) throw new RangeError(`probability must be between 0 and 1, got ${rule.probability}.`);
    const active: ActiveRule = { rule, hits: 0 };
    this.rules.push(active);
    return {
      get hits() {
        return active.hits;
      },
      remove: () => {
        this.rules = this.rules.filter((r) => r !== active);
      },
    };
  }

  clear(): void {
    this.rules = [];
  }

  /**
   * The actions that apply to this request (consuming `times`): every matching latency, and the first
   * matching rule that decides the answer — later ones are neither consumed nor drawn for.
   */
  take(request: { method: string; path: string; appId: string | undefined }): FaultAction[] {
    const actions: FaultAction[] = [];
    let decided = false;
    for (const r of this.rules) {
      if (decided && r.rule.action.kind !== "latency") continue;
      const m = r.rule.match ?? {};
      if (m.method && m.method.toUpperCase() !== request.method.toUpperCase()) continue;
      if (m.path && !(typeof m.path === "string" ? request.path.includes(m.path) : m.path.test(request.path))) continue;
      if (m.appId && m.appId.toLowerCase() !== (request.appId ?? "").toLowerCase()) continue;
      if (r.rule.times !== undefined && r.hits >= r.rule.times) continue;
      if (r.rule.probability !== undefined && !(this.random() < r.rule.probability)) continue;
      r.hits++;
      actions.push(r.rule.action);
      if (r.rule.action.kind !== "latency") decided = true;
    }
    return actions;
  }
}
