/** Webhook behaviour (§9). Times are real milliseconds except expiry, which uses the injected clock. */
export interface WebhookOptions {
  /** Coalescing delay after the first change (§9: ~30 s). Default 30,000. */
  readonly delayMs?: number;
  /** More changes than this in one window → one `collection` notification (§9: 1000). */
  readonly maxNotificationsPerWindow?: number;
  /** Subscription lifetime (§9: 3 days). Default 259,200,000. */
  readonly expiryMs?: number;
  /** Handshake answer deadline (§9: ~5 s). Default 5,000. */
  readonly handshakeTimeoutMs?: number;
  /** Handshake method ([UNK] §9). Default "POST" with an empty body. */
  readonly handshakeMethod?: "POST" | "GET";
  /** Delays between delivery retries after 408/429/5xx (§9: ~36 h overall). Default 1 min, 5 min, 30 min, 2 h, 12 h, 24 h. */
  readonly retryDelaysMs?: readonly number[];
  /** Subscriptions per environment (§7: 200). */
  readonly maxSubscriptions?: number;
}

export type ResolvedWebhookOptions = Required<WebhookOptions>;

export function resolveWebhookOptions(o: WebhookOptions = {}): ResolvedWebhookOptions {
  return {
    delayMs: o.delayMs ?? 30_000,
    maxNotificationsPerWindow: o.maxNotificationsPerWindow ?? 1000,
    expiryMs: o.expiryMs ?? 3 * 24 * 3600_000,
    handshakeTimeoutMs: o.handshakeTimeoutMs ?? 5_000,
    handshakeMethod: o.handshakeMethod ?? "POST",
    retryDelaysMs: o.retryDelaysMs ?? [60_000, 300_000, 1_800_000, 7_200_000, 43_200_000, 86_400_000],
    maxSubscriptions: o.maxSubscriptions ?? 200,
  };
}
