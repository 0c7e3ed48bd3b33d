// The transport-neutral device link: how the gateway reaches a device, whatever carries it (the
// MQTT broker, the serial bridge, and the node-to-node route to devices other gateway nodes hold).
// Concerns send envelopes through DeviceLinks and never see a transport's connections.
import { type EnvelopeInit, encodeEnvelope } from '../../protocol/messages.js';
import type { DownTopic, ParsedTopic } from '../../protocol/topics.js';

/** One transport. */
export interface DeviceLink {
  readonly name: string;
  /** Sends an encoded envelope on a down topic; false when the device is not connected here. */
  send(sn: string, topic: DownTopic, payload: Uint8Array): Promise<boolean>;
  /** Closes the device's connection, or one still being set up (heartbeat timeout, disable, unbind). */
  disconnect(sn: string): void;
  /** The largest firmware chunk that crosses this transport in time for the device (a slow line's); none: any. */
  maxChunkSize?(sn: string): number | undefined;
}

/** What a transport reports: devices coming and going, and what they send. */
export interface DeviceLinkListener {
  connected(sn: string, ip: string): void;
  disconnected(sn: string): void;
  /**
   * Handles an up message: returns nothing when it was handled synchronously, else a promise that
   * resolves once handled (refusals included) and rejects if it could not be processed.
   */
  message(sn: string, topic: ParsedTopic, payload: Buffer): Promise<void> | undefined;
}

/** Devices that other gateway nodes hold (cluster/route.ts): tried when no transport here holds the device. */
export interface RemoteLinks {
  /** False when no live node holds the device. */
  send(sn: string, topic: DownTopic, payload: Uint8Array): Promise<boolean>;
  disconnect(sn: string): void;
  isConnected(sn: string): Promise<boolean>;
}

/**
 * Watches one device's traffic whatever carries it (the conformance harness), and may hold back or
 * alter a down message: the sender is told it went, as when the network loses or damages it.
 */
export interface LinkTap {
  connected(): void;
  disconnected(): void;
  up(topic: ParsedTopic, payload: Buffer): void;
  /** Sees a down message before it goes: answers the bytes to send instead, or null to hold it back. */
  down(topic: DownTopic, payload: Uint8Array): Uint8Array | null;
}

/** Every transport of the gateway, with which one holds each device. */
export class DeviceLinks {
  private readonly holder = new Map<string, DeviceLink>();
  private readonly links: DeviceLink[] = [];
  private remote: RemoteLinks | null = null;
  /** Devices under test; empty unless a conformance run is on, and then only its SN is touched. */
  private readonly taps = new Map<string, LinkTap>();

  constructor(private readonly listener: DeviceLinkListener) {}

  /**
   * Adds a transport: `create` gets the listener the transport reports to, which records which
   * transport holds each device.
   */
  attach<L extends DeviceLink>(create: (listener: DeviceLinkListener) => L): L {
    const link: L = create({
      connected: (sn, ip) => {
        const previous = this.holder.get(sn);
        this.holder.set(sn, link);
        // A device that moved to another transport is only on the new one.
        if (previous && previous !== link) previous.disconnect(sn);
        if (this.taps.size > 0) this.taps.get(sn)?.connected();
        this.listener.connected(sn, ip);
      },
      disconnected: (sn) => {
        if (this.holder.get(sn) !== link) return;
        this.holder.delete(sn);
        if (this.taps.size > 0) this.taps.get(sn)?.disconnected();
        this.listener.disconnected(sn);
      },
      message: (sn, topic, payload) => {
        if (this.taps.size > 0) this.taps.get(sn)?.up(topic, payload);
        return this.listener.message(sn, topic, payload);
      },
    });
    this.links.push(link);
    return link;
  }

  /** Reaches devices held by other nodes too. */
  routeTo(remote: RemoteLinks): void {
    this.remote = remote;
  }

  /** Connected to this node or, with several nodes, to another live one. */
  async isConnected(sn: string): Promise<boolean> {
    return this.holder.has(sn) || ((await this.remote?.isConnected(sn)) ?? false);
  }

  /** Connected to this node. */
  isHere(sn: string): boolean {
    return this.holder.has(sn);
  }

  /** Devices connected now to this node, over every transport. */
  get count(): number {
    return this.holder.size;
  }

  /** Sends to the device on whichever transport or node holds it; false when it is not connected. */
  send(sn: string, topic: DownTopic, env: EnvelopeInit | Uint8Array): Promise<boolean> {
    const payload = env instanceof Uint8Array ? env : encodeEnvelope(env);
    if (!this.holder.has(sn) && this.remote) return this.remote.send(sn, topic, payload);
    return this.sendHere(sn, topic, payload);
  }

  /** Starts (or with null, ends) watching a device's traffic (on the node that holds it). */
  tap(sn: string, tap: LinkTap | null): void {
    if (tap) this.taps.set(sn, tap);
    else this.taps.delete(sn);
  }

  /**
   * The largest firmware chunk the transport holding the device carries in time; undefined: no limit
   * of its own (or the device is on another node).
   */
  chunkSizeFor(sn: string): number | undefined {
    return this.holder.get(sn)?.maxChunkSize?.(sn);
  }

  /** Sends to the device if a transport of this node holds it (through its tap, when it is under test). */
  sendHere(sn: string, topic: DownTopic, payload: Uint8Array): Promise<boolean> {
    const link = this.holder.get(sn);
    if (!link) return Promise.resolve(false);
    const tap = this.taps.size > 0 ? this.taps.get(sn) : undefined;
    if (!tap) return link.send(sn, topic, payload);
    const sent = tap.down(topic, payload);
    return sent ? link.send(sn, topic, sent) : Promise.resolve(true);
  }

  /**
   * On every transport, and on the node holding the device: a connection still being set up holds no
   * device yet, and must not survive a disable.
   */
  disconnect(sn: string): void {
    this.disconnectHere(sn);
    this.remote?.disconnect(sn);
  }

  disconnectHere(sn: string): void {
    for (const link of this.links) link.disconnect(sn);
  }
}
