// Webhook delivery: a corp may have its notifications POSTed to a URL whose host its settings allow.
// Deliveries are rows in the store, written in the same transaction as what they announce, so a
// restart resends whatever was not delivered. Each body is signed with HMAC-SHA256 of the corp's
// webhook secret (header X-Hwbind-Signature: sha256=HEX); failures retry with exponential backoff.
// With several gateway nodes one node delivers at a time (`duty`, a lease in the store). Delivery is
// at least once: a node that dies between the POST and recording it leaves the delivery due, and the
// node that takes over sends it again with the same id (X-Hwbind-Delivery), for the receiver to skip.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../protocol/clock.js';
import { HwbindError } from '../../protocol/errors.js';
import { hmacHex } from '../../protocol/hmac.js';
import { ALONE, type Duty } from '../cluster/duty.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { GatewayModule } from '../module.js';
import type { Store, WebhookDelivery, WebhookSettings } from '../store/types.js';

export const WEBHOOK_MAX_ATTEMPTS = 12;
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 60 * 60 * 1000;
const TIMEOUT_MS = 5000;

/** Checks a webhook setting: an http(s) URL whose host is one of the allowed hosts. */
export function checkWebhook(w: WebhookSettings): WebhookSettings {
  let url: URL;
  try {
    url = new URL(w.url);
  } catch {
    throw new HwbindError('invalid_argument', `webhook url ${JSON.stringify(w.url)} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new HwbindError('invalid_argument', 'the webhook url must be http or https');
  if (!w.secret || w.secret.length < 16)
    throw new HwbindError('invalid_argument', 'the webhook secret must have at least 16 characters');
  const allowedHosts = w.allowedHosts.map((h) => h.trim().toLowerCase()).filter(Boolean);
  if (!allowedHosts.includes(url.hostname.toLowerCase()))
    throw new HwbindError(
      'webhook_host_not_allowed',
      `${url.hostname} is not in the allowed hosts (${allowedHosts.join(', ') || 'none'})`,
    );
  return { url: url.toString(), secret: w.secret, allowedHosts };
}

/** The delivery row for one event, or null when the corp has no (allowed) webhook. */
export function webhookDelivery(
  webhook: WebhookSettings | null,
  corpId: string,
  event: Record<string, unknown>,
  now: number,
): WebhookDelivery | null {
  if (!webhook) return null;
  try {
    checkWebhook(webhook);
  } catch {
    return null;
  }
  const id = `wh_${randomBytes(9).toString('base64url')}`;
  return {
    id,
    corpId,
    url: webhook.url,
    body: JSON.stringify({ id, corp: corpId, ...event }),
    attempts: 0,
    nextAttemptAt: now,
    deliveredAt: null,
    lastError: null,
    createdAt: now,
  };
}

export const signWebhookBody = (secret: string, body: string): string => `sha256=${hmacHex(secret, body)}`;

export interface WebhookOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** How often due deliveries are looked for. */
  pollMs?: number;
  /** Whether this node delivers (several nodes: the one holding the lease). */
  duty?: Duty;
}

export class WebhookDeliveries implements GatewayModule {
  readonly name = 'webhooks';
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly duty: Duty;

  constructor(private readonly o: WebhookOptions) {
    this.duty = o.duty ?? ALONE;
  }

  async start(): Promise<void> {
    this.timer = setInterval(() => void this.kick(), this.o.pollMs ?? 500);
    this.timer.unref();
    void this.kick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    await this.duty.release();
  }

  /** Looks for due deliveries now (one pass at a time); resolves when that pass is over. */
  kick(): Promise<void> {
    this.running ??= this.deliverDue()
      .catch((err: unknown) => this.o.logger.error({ err }, 'webhook delivery pass failed'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async deliverDue(): Promise<void> {
    if (!(await this.duty.mine())) return;
    const due = await this.o.store.dueWebhookDeliveries(this.o.clock.now(), 50);
    await Promise.all(due.map((d) => this.deliver(d)));
  }

  private async deliver(d: WebhookDelivery): Promise<void> {
    const webhook = await this.o.store.getWebhook(d.corpId);
    let error: string | null = null;
    if (!webhook || webhook.url !== d.url) error = 'the webhook was changed or removed';
    else {
      try {
        const res = await fetch(d.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-hwbind-delivery': d.id,
            'x-hwbind-signature': signWebhookBody(webhook.secret, d.body),
          },
          body: d.body,
          redirect: 'manual',
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        await res.body?.cancel();
        if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
      } catch (err) {
        error = (err as Error).message;
      }
    }
    const attempts = d.attempts + 1;
    const now = this.o.clock.now();
    if (error === null) {
      this.o.metrics.webhookDeliveries.inc({ outcome: 'delivered' });
      await this.o.store.updateWebhookDelivery({ ...d, attempts, deliveredAt: now, lastError: null });
      return;
    }
    const giveUp = attempts >= WEBHOOK_MAX_ATTEMPTS || webhook === null;
    this.o.metrics.webhookDeliveries.inc({ outcome: giveUp ? 'abandoned' : 'retry' });
    this.o.logger.warn(
      { delivery: d.id, url: d.url, attempts, error },
      giveUp ? 'webhook abandoned' : 'webhook failed; will retry',
    );
    const backoff = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempts - 1));
    await this.o.store.updateWebhookDelivery({
      ...d,
      attempts,
      lastError: error,
      nextAttemptAt: giveUp ? Number.MAX_SAFE_INTEGER : now + backoff,
    });
  }
}
