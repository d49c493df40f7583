/** What a fault rule does to a matching request. */
export type FaultAction =
  /** Delay before processing (holds the identity's concurrency slot). */
  | { readonly kind: "latency"; readonly ms: number }
  /** Answer with this status and a BC error body instead of processing. */
  | { readonly kind: "status"; readonly status: number; readonly code?: string; readonly message?: string; readonly retryAfterSeconds?: number }
  /** Destroy the connection without an answer. */
  | { readonly kind: "reset" }
  /** Process normally, then send a truncated JSON body. */
  | { readonly kind: "malformedBody" }
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

/** Fault injection for the BC server: rules match requests in the order they were added. */
export class FaultInjector {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): FaultHandle {
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

  /** The actions that apply to this request (consuming `times`). */
  take(request: { method: string; path: string; appId: string | undefined }): FaultAction[] {
    const actions: FaultAction[] = [];
    for (const r of this.rules) {
      const m = r.rule.match ?? {};
      if (m.method && m.method.toUpperCase() !== request.method.toUpperCase()) continue;
      if (m.path && !(typeof m.path === "string" ? request.path.includes(m.path) : m.path.test(request.path))) continue;
      if (m.appId && m.appId.toLowerCase() !== (request.appId ?? "").toLowerCase()) continue;
      if (r.rule.times !== undefined && r.hits >= r.rule.times) continue;
      r.hits++;
      actions.push(r.rule.action);
    }
    return actions;
  }
}
