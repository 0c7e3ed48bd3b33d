// Work only one gateway node may do, in one process: two nodes' webhook deliveries on one store, each
// under its store lease (cluster/duty.ts), with a manual clock. One node delivers; the other takes the
// work over once the first stopped renewing its lease (it died) or gave it up (it stopped).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEASE_TTL_MS, StoreLease } from '../../gateway/cluster/duty.js';
import { createLogger } from '../../gateway/logger.js';
import { Metrics } from '../../gateway/metrics.js';
import { WebhookDeliveries } from '../../gateway/notifications/webhooks.js';
import { SqliteStore } from '../../gateway/store/sqlite.js';
import { ManualClock } from '../../protocol/clock.js';

const T0 = Date.UTC(2026, 10, 26);
const logger = createLogger('silent', { pretty: false });

let store: SqliteStore;
let clock: ManualClock;
let receiver: Server;
let url: string;
/** Delivery ids in the order the receiver got them (a repeat shows twice). */
let received: string[];

beforeEach(async () => {
  store = new SqliteStore(':memory:');
  await store.migrate();
  clock = new ManualClock(T0);
  received = [];
  receiver = createServer((req, res) => {
    received.push(String(req.headers['x-hwbind-delivery']));
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  await store.createCorp({ id: 'acme', name: 'Acme', memberBinding: false, createdAt: T0 });
  await store.setWebhook('acme', { url, secret: 's'.repeat(16), allowedHosts: ['127.0.0.1'] });
});

afterEach(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await store.close();
});

/** A delivery due now, as an activation would have queued it. */
function queue(id: string): void {
  store.db
    .prepare(
      'INSERT INTO webhook_deliveries (id, corp_id, url, body, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 0, ?, ?)',
    )
    .run(id, 'acme', url, JSON.stringify({ id }), clock.now(), clock.now());
}

const node = (nodeId: string) =>
  new WebhookDeliveries({
    store,
    clock,
    logger,
    metrics: new Metrics(),
    duty: new StoreLease({ store, name: 'webhooks', nodeId, clock, logger }),
  });

describe('webhook deliveries on several nodes', () => {
  it('one node delivers; another takes over once its lease ran out or it gave it up', async () => {
    const [a, b] = [node('node-a'), node('node-b')];
    queue('wh_1');
    await Promise.all([a.kick(), b.kick()]);
    expect(received).toEqual(['wh_1']);
    // Node A holds the lease (it asked first); it dies without giving it up. Within the lease B does nothing.
    queue('wh_2');
    clock.advance(LEASE_TTL_MS - 1);
    await b.kick();
    expect(received).toEqual(['wh_1']);
    // Past it, B takes over and delivers what was due.
    clock.advance(1);
    await b.kick();
    expect(received).toEqual(['wh_1', 'wh_2']);
    // B stops: it gives the lease up, so a node asking right after does the work at once.
    queue('wh_3');
    await b.stop();
    const c = node('node-c');
    await c.kick();
    expect(received).toEqual(['wh_1', 'wh_2', 'wh_3']);
    expect(await store.dueWebhookDeliveries(clock.now(), 10)).toEqual([]);
  });
});
