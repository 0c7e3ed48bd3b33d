// Work only one gateway node may do at a time (webhook deliveries, rollouts): a named lease in the
// store the nodes share, asked for (and so renewed) at each pass of the work and given up at stop. A
// node that dies keeps it at most LEASE_TTL_MS; the next node that asks then does the work, and does
// again what the dead one left half done: the work's state is in the store, written after each step.
import type { Clock } from '../../protocol/clock.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';

/** How long a node's lease outlives its last pass. */
export const LEASE_TTL_MS = 10_000;

export interface Duty {
  /** Whether this node does the work now (asks for the lease, renewing it when held). */
  mine(): Promise<boolean>;
  /** Gives the lease up at stop: another node need not wait out the TTL. */
  release(): Promise<void>;
}

/** One node: the work is always its own. */
export const ALONE: Duty = { mine: async () => true, release: async () => {} };

export interface LeaseOptions {
  store: Store;
  /** The work's name, the lease's key. */
  name: string;
  nodeId: string;
  clock: Clock;
  logger: Logger;
  ttlMs?: number;
}

export class StoreLease implements Duty {
  private held = false;

  constructor(private readonly o: LeaseOptions) {}

  async mine(): Promise<boolean> {
    const held = await this.o.store.acquireLease(
      this.o.name,
      this.o.nodeId,
      this.o.clock.now(),
      this.o.ttlMs ?? LEASE_TTL_MS,
    );
    if (held !== this.held)
      this.o.logger.info(
        { work: this.o.name },
        held ? 'this node does this work now' : 'another node does this work now',
      );
    this.held = held;
    return held;
  }

  async release(): Promise<void> {
    if (!this.held) return;
    this.held = false;
    await this.o.store.releaseLease(this.o.name, this.o.nodeId);
  }
}
