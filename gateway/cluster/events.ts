// People's live events across nodes: an event raised on one node is published on one Redis channel
// and every other node hands it to the streams of that person open there (the raising node already
// did). One publisher's events keep their order: one connection, one channel.
import type { Logger } from '../logger.js';
import type { GatewayModule } from '../module.js';
import type { PersonEvent, PersonEvents } from '../notifications/events.js';
import { keys, type RedisConnection } from './redis.js';

interface Relayed {
  from: string;
  corpId: string;
  userids: string[];
  event: PersonEvent;
}

export class EventFanOut implements GatewayModule {
  readonly name = 'cluster-events';

  constructor(
    private readonly redis: RedisConnection,
    private readonly nodeId: string,
    private readonly events: PersonEvents,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    await this.redis.listen(keys.events, (message) => this.received(message));
    this.events.relayTo((corpId, userids, event) => {
      const relayed: Relayed = { from: this.nodeId, corpId, userids, event };
      // A lost event costs a live update only: the page's next load shows the state from the store.
      this.redis
        .publish(keys.events, JSON.stringify(relayed))
        .catch((err: unknown) => this.logger.warn({ err, type: event.type }, 'live event not relayed to other nodes'));
    });
  }

  private received(message: string): void {
    let relayed: Relayed;
    try {
      relayed = JSON.parse(message) as Relayed;
    } catch (err) {
      this.logger.warn({ err }, 'unreadable live event from another node');
      return;
    }
    if (relayed.from === this.nodeId) return;
    this.events.deliver(relayed.corpId, relayed.userids, relayed.event);
  }
}
