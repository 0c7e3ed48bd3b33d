// Binding: store a BindNotice durably and acknowledge it (the Ack is what makes the binding
// active); an UnbindNotice wipes what belongs to the enterprise. A binding re-sent inside HelloAck
// is acknowledged with reply_to = the HelloAck's id.
import { type BodyOf, bodyOf, type Envelope } from '../../protocol/messages.js';
import type { FlashState, StoredBinding } from '../flash.js';
import type { DeviceModule, ModuleContext } from '../module.js';

export function applyBind(state: FlashState, notice: BodyOf<'bindNotice'>): void {
  const binding: StoredBinding = {
    bindingId: notice.bindingId ?? '',
    corpId: notice.corpId ?? '',
    corpName: notice.corpName ?? '',
    deviceName: notice.deviceName ?? '',
    boundAtMs: notice.boundAtMs ?? 0,
  };
  state.binding = binding;
}

/** Users, templates and queued records go; the record seq does not (a reused seq reads as a duplicate). */
export function applyUnbind(state: FlashState): void {
  state.binding = null;
  state.directory = { version: 0, users: [] };
  state.templates = [];
  state.records = [];
}

async function bind(ctx: ModuleContext, notice: BodyOf<'bindNotice'>, answer: Envelope): Promise<void> {
  if (ctx.state().binding?.bindingId !== notice.bindingId) {
    ctx.update((s) => applyBind(s, notice));
    ctx.log(`bound to ${notice.corpName || notice.corpId} (binding ${notice.bindingId})`);
  }
  if (!ctx.defective('skip-bind-ack')) await ctx.ack(answer);
}

export const bindingModule: DeviceModule = {
  name: 'binding',
  bodies: ['bindNotice', 'unbindNotice'],
  async handle(ctx, env) {
    if (env.body === 'bindNotice') return bind(ctx, bodyOf(env, 'bindNotice'), env);
    const held = ctx.state().binding;
    ctx.update((s) => {
      if (ctx.defective('keep-data-after-unbind')) s.binding = null;
      else applyUnbind(s);
    });
    if (held) ctx.log(`unbound from ${held.corpName || held.corpId}: users, templates and records wiped`);
    if (!ctx.defective('skip-unbind-ack')) await ctx.ack(env);
  },
  async onOnline(ctx, helloAck) {
    const notice = bodyOf(helloAck, 'helloAck').binding;
    if (notice?.bindingId) await bind(ctx, notice as BodyOf<'bindNotice'>, helloAck);
  },
};
