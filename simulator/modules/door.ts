// Remote door open (protocol §5.5): answer each DoorOpen with a DoorResult at once (the gateway
// waits at most 3 s); a redelivered operation gets the same result and the door does not open twice.
// An opening is an access event: it becomes a record (method remote) like any other.
import { bodyOf } from '../../protocol/messages.js';
import { directionToWire, methodToWire } from '../../protocol/records.js';
import type { DeviceModule, ModuleContext } from '../module.js';
import type { RecordsModule } from './records.js';

const REMEMBERED_OPERATIONS = 100;

export class DoorModule implements DeviceModule {
  readonly name = 'door';
  readonly bodies = ['doorOpen'] as const;
  private readonly results = new Map<string, { opened: boolean; code: string }>();
  /** Times the door actually opened (the relay), for tests and the status line. */
  openings = 0;

  constructor(private readonly records: RecordsModule) {}

  async handle(ctx: ModuleContext, env: Parameters<DeviceModule['handle']>[1]): Promise<void> {
    const open = bodyOf(env, 'doorOpen');
    const operationId = open.operationId ?? '';
    let result = this.results.get(operationId);
    let openedNow = false;
    if (!result) {
      // A device nobody bound opens for nobody, whatever reaches it.
      result = ctx.state().binding ? { opened: true, code: '' } : { opened: false, code: 'forbidden' };
      if (result.opened) {
        openedNow = true;
        this.openings += 1;
        ctx.log(`door opened for ${open.requestedBy || 'remote'} (${open.holdMs || 3000} ms)`);
      }
      this.results.set(operationId, result);
      if (this.results.size > REMEMBERED_OPERATIONS) this.results.delete(this.results.keys().next().value!);
    }
    if (ctx.defective('slow-door')) await new Promise((resolve) => ctx.timers.setTimeout(() => resolve(null), 4000));
    await ctx.publish('up/door', 'doorResult', { operationId, ...result }, { replyTo: env.id });
    if (openedNow && !ctx.defective('door-no-record')) {
      await this.records.punch(ctx, {
        userid: open.requestedBy ?? '',
        timeMs: ctx.clock.now(),
        direction: directionToWire('unknown'),
        method: methodToWire('remote'),
        cardNo: '',
      });
    }
  }
}
