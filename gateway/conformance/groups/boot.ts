// Boot (protocol §3, §5.1, §6.1): after every connect the device says Hello with what it is and
// runs — its model, firmware, capabilities and A/B slots — and every Hello is a new message.
import { isValidFirmwareVersion } from '../../../protocol/firmware.js';
import { CheckFailed, defineGroup, expect, seconds } from '../checks.js';
import { enumName, type Json, msg, type TraceEvent } from '../trace.js';

const TRANSPORTS = ['wifi', 'ethernet', 'cellular', 'serial'];

export const boot = defineGroup({
  name: 'boot',
  title: 'Boot and Hello',
  state: () => ({ hello: null as TraceEvent | null }),
  steps: [
    {
      name: 'hello',
      title: 'says Hello after connecting, with the model, firmware and capabilities it runs',
      section: '§5.1 Hello, §6.1',
      async run(k, s) {
        const hello = await k.reconnect();
        s.hello = hello;
        const h = msg(hello);
        const refused = k.trace.after(
          hello.n,
          (e) => e.kind === 'down' && e.body === 'error' && e.replyTo === hello.id,
        );
        expect(refused.length === 0, `the gateway refused its Hello: ${String(msg(refused[0]).message)}`);
        expect(
          h.model === k.device.model,
          `Hello.model is "${h.model}"; the device is registered as ${k.device.model}`,
        );
        const version = String(h.firmwareVersion ?? '');
        expect(isValidFirmwareVersion(version), `Hello.firmware_version "${version}" is not a semantic version`);
        const caps = ((h.capabilities as unknown[]) ?? []).map((c) => enumName(c, 'CAPABILITY_'));
        const want = [...k.device.capabilities].sort();
        expect(
          [...new Set(caps)].sort().join(',') === want.join(','),
          `Hello.capabilities lists [${caps.join(', ')}]; model ${k.device.model} has [${want.join(', ')}]`,
        );
        expect(Number(h.bootCount) >= 1, `Hello.boot_count is ${h.bootCount}: it counts boots from 1`);
        const network = h.network as Json | null;
        if (network?.transport)
          expect(
            TRANSPORTS.includes(String(network.transport)),
            `Hello.network.transport is "${network.transport}" (expected ${TRANSPORTS.join(', ')})`,
          );
        return `Hello from ${h.model} running ${version} with [${caps.join(', ')}], boot ${h.bootCount}`;
      },
    },
    {
      name: 'slots',
      title: 'reports its A/B slots consistently: one active, confirmed or on trial, running the reported firmware',
      section: '§5.1 Slot, SlotState',
      async run(_k, s) {
        if (!s.hello) throw new CheckFailed('no Hello to read the slots from (see boot.hello)');
        const h = msg(s.hello);
        const slots = ((h.slots as Json[]) ?? []).map((slot) => ({
          index: Number(slot.index),
          version: String(slot.version ?? ''),
          sha256: Buffer.from(String(slot.sha256 ?? ''), 'base64'),
          state: enumName(slot.state, 'SLOT_STATE_'),
          active: slot.active === true,
        }));
        expect(slots.length > 0, 'Hello.slots is empty');
        const indexes = slots.map((x) => x.index);
        expect(
          indexes.every((i) => i === 0 || i === 1) && new Set(indexes).size === indexes.length,
          `Hello.slots has indexes [${indexes.join(', ')}]: 0 and 1, each once`,
        );
        for (const slot of slots) {
          expect(
            ['empty', 'confirmed', 'pending_verify', 'invalid'].includes(slot.state),
            `slot ${slot.index} has state ${slot.state}`,
          );
          if (slot.state === 'empty') continue;
          expect(isValidFirmwareVersion(slot.version), `slot ${slot.index} holds version "${slot.version}"`);
          expect(slot.sha256.length === 32, `slot ${slot.index} has a ${slot.sha256.length}-byte sha256 (32 expected)`);
        }
        const active = slots.filter((x) => x.active);
        expect(active.length === 1, `${active.length} slots are marked active`);
        const running = active[0]!;
        expect(
          running.state === 'confirmed' || running.state === 'pending_verify',
          `the active slot ${running.index} is ${running.state}`,
        );
        expect(
          running.version === h.firmwareVersion,
          `the active slot holds ${running.version}, but Hello.firmware_version is ${h.firmwareVersion}`,
        );
        return slots
          .map((x) => `slot ${x.index} ${x.state}${x.version ? ` ${x.version}` : ''}${x.active ? ' (active)' : ''}`)
          .join(', ');
      },
    },
    {
      name: 'reconnect',
      title: 'connects again after a dropped link and says Hello with a new message id',
      section: '§3 reconnect, §5 Envelope.id, §7 Hello',
      async run(k, s) {
        const before = s.hello ?? (await k.reconnect());
        const from = k.trace.position;
        const hello = await k.reconnect();
        const dropped = k.trace.after(from, (e) => e.kind === 'disconnected')[0];
        expect(hello.id !== before.id, `its Hello after reconnecting has the id "${hello.id}" of the Hello before`);
        return `Hello again ${dropped ? seconds(hello.at - dropped.at) : ''} after the link dropped, id ${hello.id} (before: ${before.id})`;
      },
    },
  ],
});
