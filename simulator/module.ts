// The one interface every hardware function of a simulated device plugs into (binding, directory,
// capture, records, door, OTA). The runtime routes each down message to the module that declared
// its body case; a module touches the flash and the wire only through its context.
import type { Clock } from '../protocol/clock.js';
import type { ErrorCode } from '../protocol/errors.js';
import type { BodyCase, BodyOf, Envelope, EnvelopeInit } from '../protocol/messages.js';
import type { UpTopic } from '../protocol/topics.js';
import type { Defect } from './defects.js';
import type { FlashState } from './flash.js';

/** Timers are injected with the clock, so time-driven behaviour is testable without sleeping. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface ModuleContext {
  readonly sn: string;
  readonly clock: Clock;
  readonly timers: Timers;
  /** The device's flash directory (modules may keep large blobs, such as a firmware download, next to it). */
  readonly flashDir: string;
  /** The vendor's Ed25519 public key built into the firmware; verifies OTA images. */
  readonly vendorPublicKey: string | null;
  /** The largest firmware chunk the device's link carries in time (a serial line's, protocol §9); null: the offer's. */
  readonly maxChunkSize: number | null;
  /** Current flash state; treat as read-only and change it through `update`. */
  state(): FlashState;
  /** Changes the flash state and persists it atomically before returning. */
  update(change: (state: FlashState) => void): FlashState;
  /** Whether a publish would reach the gateway now. */
  online(): boolean;
  publish<C extends BodyCase>(
    topic: UpTopic,
    bodyCase: C,
    body: NonNullable<EnvelopeInit[C]>,
    opts?: { replyTo?: string; id?: string },
  ): Promise<string>;
  /** Acknowledges a down message on up/reply. */
  ack(env: Envelope): Promise<void>;
  /** Refuses a down message with an ErrorReply on up/reply. */
  refuse(env: Envelope, code: ErrorCode, message?: string): Promise<void>;
  /** Restarts the device (after the caller persisted what must survive). */
  reboot(reason: string): void;
  /** Whether this device was started with a deliberate protocol defect (--defect). */
  defective(defect: Defect): boolean;
  /** The power goes now (fault injection): nothing more is written or sent; it comes back a moment later. */
  powerCut(reason: string): void;
  log(message: string): void;
}

export interface DeviceModule {
  readonly name: string;
  /** Down body cases this module handles; each case belongs to exactly one module. */
  readonly bodies: readonly BodyCase[];
  handle(ctx: ModuleContext, env: Envelope): Promise<void> | void;
  /** After each boot, before connecting: clean up what a crash may have left. */
  onBoot?(ctx: ModuleContext): void;
  /** After every HelloAck (the envelope that carried it): resynchronise with the gateway. */
  onOnline?(ctx: ModuleContext, helloAck: Envelope): Promise<void> | void;
  /** The device stops (shutdown, reboot or power cut): drop timers. */
  stop?(ctx: ModuleContext): void;
  /** The gateway refused a message this device sent (ErrorReply; reply_to = that message's id). */
  onRefused?(ctx: ModuleContext, error: BodyOf<'error'>, env: Envelope): Promise<void> | void;
}
