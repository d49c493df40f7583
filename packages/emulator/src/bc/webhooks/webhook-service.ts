import { randomBytes, randomUUID } from "node:crypto";
import type { Clock } from "../clock.js";
import { BcError } from "../http/bc-error.js";
import type { BcRequest } from "../http/bc-request.js";
import { jsonResponse, type BcResponse } from "../http/bc-response.js";
import { formatDateTime, zeroGuid } from "../odata/edm-values.js";
import { formatKey, storeKey } from "../odata/entity-key.js";
import { withDefaults } from "../odata/entity-values.js";
import { etagFor } from "../odata/etag.js";
import { checkIfMatch, parseJsonBody } from "../odata/handle-odata-request.js";
import type { ODataContext } from "../odata/odata-context.js";
import { headerOfLines } from "../odata/document-rules.js";
import { serializeEntity } from "../odata/entity-serializer.js";
import { emptyQueryOptions } from "../odata/query-options.js";
import { resolveResource } from "../odata/resource-resolver.js";
import type { EntityStore, StoreChange, StoredEntity } from "../store/entity-store.js";
import { resolveWebhookOptions, type ResolvedWebhookOptions, type WebhookOptions } from "./webhook-options.js";

const setName = "subscriptions";

interface Watch {
  readonly ctx: ODataContext;
  readonly scope: string;
  readonly set: string;
  pending: { changeType: string; key: string; at: number }[];
  timer: NodeJS.Timeout | undefined;
  attempt: number;
}

export interface WebhookDelivery {
  readonly subscriptionId: string;
  readonly notificationUrl: string;
  readonly status: number | "network-error";
  readonly notifications: number;
}

/**
 * Webhook subscriptions (§9): validationToken handshake on create and renew, coalesced notifications
 * with `collection` overflow, retries on 408/429/5xx, deletion on other failures, expiry by clock.
 */
export class WebhookService {
  private readonly options: ResolvedWebhookOptions;
  private readonly watches = new Map<string, Watch>();
  readonly deliveries: WebhookDelivery[] = [];

  constructor(options: WebhookOptions | undefined, private readonly clock: Clock) {
    this.options = resolveWebhookOptions(options);
  }

  /** POST / PATCH on `subscriptions` (the other verbs are plain OData). */
  async handle(ctx: ODataContext, request: BcRequest, segments: readonly string[]): Promise<BcResponse> {
    const now = this.clock.now();
    if (request.method === "POST" && segments.length === 1) {
      const body = parseJsonBody(request);
      const notificationUrl = String(body["notificationUrl"] ?? "");
      const resource = normalizeResource(String(body["resource"] ?? ""), ctx.route.path);
      if (!/^https?:\/\//.test(notificationUrl)) throw new BcError(400, "BadRequest", "The notificationUrl must be an absolute http(s) URL.");
      const target = this.resolveCollection(ctx, resource);
      if (ctx.store.list("", setName).length >= this.options.maxSubscriptions) throw new BcError(400, "BadRequest", `The maximum number of subscriptions (${this.options.maxSubscriptions}) has been reached.`);
      await this.handshake(notificationUrl);
      const type = ctx.route.typeOf(ctx.route.model.entitySets.get(setName)!);
      const values = withDefaults(type, ctx.route.model, {
        subscriptionId: randomBytes(16).toString("hex"), notificationUrl, resource, clientState: String(body["clientState"] ?? ""),
        timestamp: now, userId: zeroGuid, lastModifiedDateTime: formatDateTime(now), expirationDateTime: formatDateTime(now + this.options.expiryMs),
        systemCreatedAt: formatDateTime(now), systemModifiedAt: formatDateTime(now),
      });
      const row = ctx.store.put("", setName, storeKey(type, values), values);
      this.watches.set(String(values["subscriptionId"]), { ctx, scope: target.scope, set: target.set, pending: [], timer: undefined, attempt: 0 });
      return this.entity(ctx, row, 201);
    }
    if (request.method === "PATCH" && segments.length === 1) {
      const target = resolveResource(ctx, segments);
      if (target.kind !== "entity") throw new BcError(405, "BadRequest_MethodNotAllowed", "PATCH needs a subscription key.");
      checkIfMatch(request, target, true);
      // Renewal may send no changes at all (`{}`): that is still a renewal.
      const body = request.body && request.body.length > 0 && request.body.toString("utf8").trim() !== "{}" ? parseJsonBody(request) : {};
      const notificationUrl = String(body["notificationUrl"] ?? target.row.values["notificationUrl"]);
      // Renewal re-runs the handshake and restarts the 3-day clock (§9).
      await this.handshake(notificationUrl);
      const values = {
        ...target.row.values, notificationUrl, clientState: String(body["clientState"] ?? target.row.values["clientState"]),
        lastModifiedDateTime: formatDateTime(now), systemModifiedAt: formatDateTime(now), expirationDateTime: formatDateTime(now + this.options.expiryMs),
      };
      return this.entity(ctx, ctx.store.put("", setName, target.row.key, values), 200);
    }
    throw new BcError(405, "BadRequest_MethodNotAllowed", `'${request.method}' requests for 'subscriptions' are not allowed here.`);
  }

  private entity(ctx: ODataContext, row: StoredEntity, status: number): BcResponse {
    const set = ctx.route.model.entitySets.get(setName)!;
    const body = { "@odata.context": `${ctx.serviceRoot}/$metadata#subscriptions/$entity`, ...serializeEntity(ctx, set, "", row, emptyQueryOptions) };
    const key = formatKey(ctx.route.typeOf(set), row.values, true);
    return jsonResponse(status, body, { etag: etagFor(setName, row.key, row.rowVersion), ...(status === 201 ? { location: `${ctx.serviceRoot}/subscriptions(${key})` } : {}) });
  }

  private resolveCollection(ctx: ODataContext, resource: string): { scope: string; set: string } {
    const segments = resource.split("/").slice(ctx.route.path.split("/").length).map((s) => decodeURIComponent(s));
    let target;
    try {
      target = resolveResource(ctx, segments);
    } catch {
      target = undefined;
    }
    if (target?.kind !== "collection" || target.set.name === setName) throw new BcError(400, "BadRequest", `The resource '${resource}' is not a webhook-enabled collection.`);
    return { scope: target.scope, set: target.set.name };
  }

  private async handshake(notificationUrl: string): Promise<void> {
    const token = randomUUID();
    const url = `${notificationUrl}${notificationUrl.includes("?") ? "&" : "?"}validationToken=${encodeURIComponent(token)}`;
    try {
      const res = await fetch(url, { method: this.options.handshakeMethod, signal: AbortSignal.timeout(this.options.handshakeTimeoutMs) });
      const text = await res.text();
      if (res.status === 200 && text === token) return;
    } catch {
      // fall through: unreachable or too slow
    }
    throw new BcError(400, "BadRequest", "The subscription was not created: the notification URL did not answer the validation handshake with the validationToken.");
  }

  /** Store listener: queues a notification for every active subscription that watches the changed set. */
  onChange(store: EntityStore, change: StoreChange): void {
    if (change.set === setName) {
      if (change.kind === "deleted") this.drop(String(change.values["subscriptionId"]));
      return;
    }
    this.queue(store, change.scope, change.set, change.kind, change.values);
    // A line change is reported on the document header's subscription too (§9).
    const headerSet = headerOfLines[change.set];
    if (headerSet && typeof change.values["documentId"] === "string") this.queue(store, change.scope, headerSet, "updated", { id: change.values["documentId"] });
  }

  private queue(store: EntityStore, scope: string, set: string, changeType: string, values: Readonly<Record<string, unknown>>): void {
    for (const [id, w] of this.watches) {
      if (w.ctx.store !== store || w.set !== set || w.scope !== scope) continue;
      const type = w.ctx.route.typeOf(w.ctx.route.model.entitySets.get(set)!);
      w.pending.push({ changeType, key: formatKey(type, values, true), at: this.clock.now() });
      if (!w.timer) w.timer = setTimeout(() => void this.deliver(id), this.options.delayMs);
    }
  }

  /** Delivers everything pending now instead of after the coalescing delay. */
  async flush(): Promise<void> {
    await Promise.all([...this.watches.keys()].map((id) => this.deliver(id)));
  }

  private subscription(w: Watch, id: string): StoredEntity | undefined {
    return w.ctx.store.list("", setName).find((r) => r.values["subscriptionId"] === id);
  }

  private async deliver(id: string): Promise<void> {
    const w = this.watches.get(id);
    if (!w) return;
    if (w.timer) clearTimeout(w.timer);
    w.timer = undefined;
    const sub = this.subscription(w, id);
    if (!sub) return this.drop(id);
    if (Date.parse(String(sub.values["expirationDateTime"])) <= this.clock.now()) {
      w.ctx.store.delete("", setName, sub.key);
      return;
    }
    if (w.pending.length === 0) return;
    const batch = w.pending;
    w.pending = [];
    const v = sub.values;
    const resource = String(v["resource"]);
    const common = { subscriptionId: id, clientState: v["clientState"], expirationDateTime: v["expirationDateTime"] };
    const overflow = batch.length > this.options.maxNotificationsPerWindow;
    const since = formatDateTime(Math.min(...batch.map((b) => b.at)) - 50);
    const value = overflow
      ? [{ ...common, resource: `${resource}?$filter=lastModifiedDateTime%20gt%20${since}`, changeType: "collection", lastModifiedDateTime: formatDateTime(this.clock.now()) }]
      : batch.map((b) => ({ ...common, resource: `${resource}(${b.key})`, changeType: b.changeType, lastModifiedDateTime: formatDateTime(b.at) }));
    const correlation = randomUUID();
    let status: number | "network-error";
    try {
      const res = await fetch(String(v["notificationUrl"]), {
        method: "POST",
        headers: { "content-type": "application/json", clientRequestId: correlation, "x-ms-correlation-id": correlation },
        body: JSON.stringify({ value }),
      });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = "network-error";
    }
    this.deliveries.push({ subscriptionId: id, notificationUrl: String(v["notificationUrl"]), status, notifications: value.length });
    if (status !== "network-error" && status >= 200 && status < 300) {
      w.attempt = 0;
      return;
    }
    const retryable = status === "network-error" || status === 408 || status === 429 || status >= 500;
    const delay = this.options.retryDelaysMs[w.attempt];
    if (retryable && delay !== undefined) {
      // Retry the same notifications later (§9: 408/429/5xx are retried).
      w.attempt++;
      w.pending = [...batch, ...w.pending];
      w.timer = setTimeout(() => void this.deliver(id), delay);
      return;
    }
    // Any other answer (or retries exhausted) deletes the subscription (§9, §11.17).
    w.ctx.store.delete("", setName, sub.key);
  }

  private drop(id: string): void {
    const w = this.watches.get(id);
    if (w?.timer) clearTimeout(w.timer);
    this.watches.delete(id);
  }

  close(): void {
    for (const id of [...this.watches.keys()]) this.drop(id);
  }
}

/** `/api/v2.0/companies(…)/customers`, an absolute URL or `api/v2.0/…` → `api/v2.0/companies(…)/customers` (§9). */
export function normalizeResource(resource: string, routePath: string): string {
  let path = resource;
  if (/^https?:\/\//.test(path)) path = new URL(path).pathname;
  path = path.replace(/^\/+/, "");
  const at = path.toLowerCase().indexOf(`${routePath.toLowerCase()}/`);
  if (at < 0) throw new BcError(400, "BadRequest", `The resource '${resource}' is not under '${routePath}'.`);
  return path.slice(at).replace(/\/+$/, "");
}
