// Remote door open (protocol §5.5): a person the rules allow sends DoorOpen straight to the device —
// never through the outbox, since a door must not open later, when nobody is waiting at it — and
// the device's DoorResult (correlated by operation_id) must come within 3 s, else the request ends
// in device_timeout. The device records the opening like any record (method remote).
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../protocol/clock.js';
import { HwbindError } from '../../protocol/errors.js';
import { type BodyOf, envelope } from '../../protocol/messages.js';
import type { Actor } from '../binding/rules.js';
import type { BindingService } from '../binding/service.js';
import type { DeviceLinks } from '../devices/link.js';
import type { Outbox } from '../devices/outbox.js';
import type { MessageRouter } from '../devices/router.js';
import type { Logger } from '../logger.js';
import type { GatewayModule } from '../module.js';
import type { Store } from '../store/types.js';

export const DOOR_TIMEOUT_MS = 3000;
/** How long the device holds the door open. */
export const DOOR_HOLD_MS = 3000;

export interface DoorResult {
  operationId: string;
  opened: boolean;
  /** Why it did not open ('' when it did). */
  code: string;
}

export interface DoorOptions {
  store: Store;
  links: DeviceLinks;
  router: MessageRouter;
  outbox: Outbox;
  binding: BindingService;
  clock: Clock;
  logger: Logger;
  timeoutMs?: number;
}

interface Waiting {
  sn: string;
  /** The DoorOpen envelope's id: a device's ErrorReply names it. */
  envelopeId: string;
  done(result: DoorResult | HwbindError): void;
}

export class DoorService implements GatewayModule {
  readonly name = 'door';
  private readonly waiting = new Map<string, Waiting>();

  constructor(private readonly o: DoorOptions) {
    o.router.on('doorResult', (ctx, result) => this.onResult(ctx.sn, result));
    // A device that cannot handle DoorOpen refuses it on up/reply (reply_to = the DoorOpen's id).
    o.outbox.on('reply', (sn, replyTo, error) => {
      if (!error) return;
      for (const [operationId, w] of this.waiting) {
        if (w.sn === sn && w.envelopeId === replyTo) w.done({ operationId, opened: false, code: error.code ?? '' });
      }
    });
  }

  async stop(): Promise<void> {
    for (const w of this.waiting.values()) w.done(new HwbindError('device_timeout', 'the gateway is stopping'));
  }

  /** Opens the door of a device the actor may open; resolves with the device's result. */
  async open(actor: Actor, sn: string): Promise<DoorResult> {
    await this.o.binding.authorize(actor, sn, 'door');
    const device = (await this.o.store.getDevice(sn))!;
    const model = await this.o.store.getModel(device.modelId);
    if (!(model?.capabilities ?? device.capabilities).includes('door'))
      throw new HwbindError('invalid_argument', `device ${sn} (${model?.name ?? device.modelId}) has no door`);
    if (!(await this.o.links.isConnected(sn))) throw new HwbindError('device_timeout', `device ${sn} is offline`);
    const operationId = `door_${randomBytes(9).toString('base64url')}`;
    const env = envelope(
      'doorOpen',
      { operationId, requestedBy: actor.member.userid, holdMs: DOOR_HOLD_MS },
      { tsMs: this.o.clock.now() },
    );
    const timeoutMs = this.o.timeoutMs ?? DOOR_TIMEOUT_MS;
    const answer = new Promise<DoorResult>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const w: Waiting = {
        sn,
        envelopeId: env.id!,
        done: (result) => {
          clearTimeout(timer);
          this.waiting.delete(operationId);
          if (result instanceof HwbindError) reject(result);
          else resolve(result);
        },
      };
      timer = setTimeout(
        () => w.done(new HwbindError('device_timeout', `device ${sn} did not answer within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      this.waiting.set(operationId, w);
    });
    if (!(await this.o.links.send(sn, 'down/door', env)))
      this.waiting.get(operationId)?.done(new HwbindError('device_timeout', `device ${sn} is offline`));
    const result = await answer;
    this.o.logger.info({ sn, by: actor.member.userid, ...result }, 'remote door open');
    return result;
  }

  private onResult(sn: string, result: BodyOf<'doorResult'>): void {
    const operationId = result.operationId ?? '';
    const w = this.waiting.get(operationId);
    // A late answer (after the timeout) or another device's: nobody waits for it.
    if (!w || w.sn !== sn) return;
    w.done({ operationId, opened: result.opened === true, code: result.code ?? '' });
  }
}
