// Live events for people (binding status, notifications, enrollment and firmware progress), fanned
// out to each person's open server-sent-event streams on this node, and through a relay (Redis
// pub/sub, cluster/events.ts) to the streams open on the other gateway nodes.
import type { Api, ResponseOf } from '../../protocol/api.js';

export type PersonEvent =
  | { type: 'binding'; sn: string; status: string; bindingId: string }
  | { type: 'notification'; id: string; sn: string; text: string; link: string; unread: number }
  /** An enrollment changed: the same view the Person API answers for it. */
  | ({ type: 'enrollment' } & ResponseOf<Api['person.getEnrollment']>)
  /** A firmware job moved: the same view GET /api/v1/jobs/:id answers. */
  | ({ type: 'firmware' } & ResponseOf<Api['person.getJob']>);

type Listener = (event: PersonEvent) => void;
/** Carries an event to the other nodes, whose streams get it through deliver(). */
export type EventRelay = (corpId: string, userids: string[], event: PersonEvent) => void;

export class PersonEvents {
  private readonly listeners = new Map<string, Set<Listener>>();
  private relay: EventRelay | null = null;

  private static key(corpId: string, userid: string): string {
    return `${corpId}\u0000${userid}`;
  }

  /** Registers a listener for one person; returns the function that removes it. */
  subscribe(corpId: string, userid: string, listener: Listener): () => void {
    const key = PersonEvents.key(corpId, userid);
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  relayTo(relay: EventRelay): void {
    this.relay = relay;
  }

  /** To the person's streams on every node: here at once, elsewhere through the relay. */
  publish(corpId: string, userids: Iterable<string>, event: PersonEvent): void {
    const people = [...new Set(userids)];
    this.deliver(corpId, people, event);
    this.relay?.(corpId, people, event);
  }

  /** To the person's streams on this node only. */
  deliver(corpId: string, userids: Iterable<string>, event: PersonEvent): void {
    for (const userid of new Set(userids)) {
      for (const listener of this.listeners.get(PersonEvents.key(corpId, userid)) ?? []) listener(event);
    }
  }

  /** Whether an event raised here can reach anyone: a stream open here, or the other nodes. */
  get heard(): boolean {
    return this.relay !== null || this.listeners.size > 0;
  }
}
