import { randomUUID } from "node:crypto";
import { clientFor, pickCompany } from "../company.js";
import { log } from "../log.js";
import type { Target } from "../target.js";
import { startWebhookReceiver, type WebhookReceiver } from "../webhook-receiver.js";

export interface WebhookOptions {
  readonly companyId?: string;
  readonly runId: string;
  /**
   * The URL BC calls. Default: the local receiver's own http://127.0.0.1:PORT/bc-webhook, which only the
   * emulator can reach. For a live tenant pass a public https URL (e.g. a tunnel) that forwards to `port`.
   */
  readonly publicUrl?: string;
  /** Local receiver port. Default 0 (any free port). */
  readonly port?: number;
  /** A receiver you started (and close) yourself, instead of one started for this run. */
  readonly receiver?: WebhookReceiver;
  /** How long to wait for the notification. Default 120 s (BC coalesces changes for about 30 s). */
  readonly timeoutInMs?: number;
}

/**
 * A webhook subscription on a company's customers: the receiver answers BC's validationToken
 * handshake, a customer is created, the notification arrives, and the handler reads the changed
 * customer (notifications carry no data). The subscription and the customer are removed at the end.
 */
export async function webhook(target: Target, options: WebhookOptions): Promise<void> {
  if (target.kind === "live" && !options.publicUrl) {
    throw new Error("Business Central must reach the receiver over the internet: set BC_WEBHOOK_URL to a public https URL that forwards to this machine's BC_WEBHOOK_PORT.");
  }
  const bc = clientFor(target);
  log.step("Start the notification receiver");
  const receiver = options.receiver ?? (await startWebhookReceiver({ port: options.port }));
  const notificationUrl = options.publicUrl ?? receiver.url;
  log.detail(`listening on ${receiver.url}${options.publicUrl ? `, reached as ${options.publicUrl}` : ""}`);
  try {
    const company = await pickCompany(bc, options.companyId);
    const scope = bc.company(company.id);
    const clientState = randomUUID(); // a secret shared with BC: notifications without it are not ours

    log.step("Subscribe to the company's customers");
    const resource = scope.customers.toUrl().replace(/^.*?\/(api\/v2\.0\/)/, "$1");
    log.detail(`POST ${bc.subscriptions.toUrl()}`, `resource ${resource}`);
    const handshakesBefore = receiver.handshakes.length;
    const subscription = await bc.subscriptions.create({ notificationUrl, resource, clientState });
    log.detail(
      receiver.handshakes.length > handshakesBefore ? "handshake: BC sent a validationToken, the receiver echoed it" : "handshake: not seen by this receiver (answered elsewhere?)",
      `201 Created: subscription ${subscription.subscriptionId}, expires ${subscription.expirationDateTime}`,
    );

    try {
      log.step("Change a customer");
      const customer = await scope.customers.create({ displayName: `bcts webhook demo ${options.runId}` });
      log.detail(`created customer ${customer.number} (${customer.id})`);

      const timeout = options.timeoutInMs ?? 120_000;
      log.step("Wait for the notification");
      log.detail(`BC coalesces changes and notifies about 30 s after the first one; waiting up to ${Math.round(timeout / 1000)} s`);
      const notification = await receiver.waitFor(
        (n) => n.subscriptionId === subscription.subscriptionId && n.resource.includes(customer.id),
        timeout,
        (waited) => log.progress(`${Math.round(waited / 1000)} s, ${receiver.notifications.length} notifications so far`),
      );
      log.detail(`${notification.changeType}: ${notification.resource}`, `lastModifiedDateTime ${notification.lastModifiedDateTime}`);

      log.step("Handle it: check clientState, then read what changed");
      if (notification.clientState !== clientState) throw new Error("The notification's clientState is not ours; ignoring it.");
      const changedId = /\(([0-9a-f-]{36})\)$/i.exec(notification.resource)?.[1];
      if (!changedId) throw new Error(`Unexpected resource ${notification.resource}.`);
      const changed = await scope.customers.byId(changedId).get({ select: ["number", "displayName", "lastModifiedDateTime"] });
      log.table([changed], ["number", "displayName", "lastModifiedDateTime"]);

      await scope.customers.byId(customer.id).delete();
      log.detail(`deleted the demo customer ${customer.number}`);
    } finally {
      log.step("Unsubscribe");
      await bc.subscriptions.byId(subscription.subscriptionId).delete();
      log.detail(`DELETE ${bc.subscriptions.byId(subscription.subscriptionId).toUrl()} → 204`);
    }
  } finally {
    if (!options.receiver) await receiver.close();
  }
}
