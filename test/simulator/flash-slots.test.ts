// Flash persistence and the A/B slot state machine (ESP-IDF / MCUboot semantics).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Flash, factoryFlash, writeAtomic } from '../../simulator/flash.js';
import { installImage, resolvePendingSlot, runningVersion, selectBootSlot } from '../../simulator/slots.js';
import { tempDir } from '../helpers/processes.js';
import { BUNDLE } from './harness.js';

describe('flash', () => {
  it('writes atomically and reloads exactly what was saved', () => {
    const flash = Flash.forDevice(tempDir(), 'simunit1');
    expect(flash.load()).toBeNull();
    const state = flash.loadOrProvision(BUNDLE, '1.2.3');
    expect(state.identity.sn).toBe('SIMUNIT1');
    expect(runningVersion(state)).toBe('1.2.3');
    state.records.push({ seq: 1, userid: 'u1', timeMs: 1, direction: 1, method: 1, cardNo: '' });
    state.nextSeq = 2;
    flash.save(state);
    expect(flash.load()).toEqual(state);
    // No temp file is left behind: the rename replaced the file in one step.
    expect(readdirSync(flash.dir)).toEqual(['flash.json']);
  });

  it('keeps the old state when a write dies before its rename (power cut mid-write)', () => {
    const flash = Flash.forDevice(tempDir(), BUNDLE.sn);
    const state = flash.loadOrProvision(BUNDLE);
    // What a torn write leaves: a half-written temp file next to the intact flash.json.
    writeFileSync(`${flash.file}.999.tmp`, '{"format":1,"identity":');
    expect(flash.load()).toEqual(state);
  });

  it('writeAtomic replaces content in full', () => {
    const dir = tempDir();
    const path = `${dir}/x.json`;
    writeAtomic(path, 'one');
    writeAtomic(path, 'two');
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(existsSync(`${path}.${process.pid}.tmp`)).toBe(false);
  });

  it('refuses to boot a blank flash without a bundle', () => {
    expect(() => Flash.forDevice(tempDir(), 'X1').loadOrProvision(null)).toThrow(/give a bundle/);
  });
});

describe('A/B slots', () => {
  const factory = () => factoryFlash(BUNDLE, '1.0.0');
  const image = { version: '1.1.0', payloadSha256: 'ab'.repeat(32), test: true };

  it('a normal boot counts the boot and changes nothing else', () => {
    const { state, outcome } = selectBootSlot(factory());
    expect(outcome).toBe('normal');
    expect(state.bootCount).toBe(1);
    expect(state.slots[0].state).toBe('confirmed');
  });

  it('boots a new test image on trial and confirms it when the self-test passes', () => {
    const installed = installImage(factory(), image);
    expect(installed.activeSlot).toBe(1);
    expect(installed.slots[1]).toMatchObject({ version: '1.1.0', state: 'pending_verify', tried: false });
    const boot = selectBootSlot(installed);
    expect(boot.outcome).toBe('trial');
    const { state, reverted } = resolvePendingSlot(boot.state, true);
    expect(reverted).toBe(false);
    expect(state.slots[1].state).toBe('confirmed');
    expect(runningVersion(state)).toBe('1.1.0');
    // Later resets keep running it.
    expect(selectBootSlot(state).outcome).toBe('normal');
  });

  it('a power cut while pending_verify boots the old slot and marks the new one invalid', () => {
    const trial = selectBootSlot(installImage(factory(), image)).state;
    // Power is cut before the self-test confirms: the next reset finds the slot still on trial.
    const { state, outcome } = selectBootSlot(trial);
    expect(outcome).toBe('reverted');
    expect(state.activeSlot).toBe(0);
    expect(runningVersion(state)).toBe('1.0.0');
    expect(state.slots[1].state).toBe('invalid');
    expect(state.bootCount).toBe(2);
    // And it never boots again.
    expect(selectBootSlot(state).state.activeSlot).toBe(0);
  });

  it('a failed self-test reverts at once', () => {
    const trial = selectBootSlot(installImage(factory(), image)).state;
    const { state, reverted } = resolvePendingSlot(trial, false);
    expect(reverted).toBe(true);
    expect(state.activeSlot).toBe(0);
    expect(state.slots[1].state).toBe('invalid');
  });

  it('a non-test image is installed confirmed (no rollback)', () => {
    const state = installImage(factory(), { ...image, test: false });
    expect(state.slots[1].state).toBe('confirmed');
    expect(selectBootSlot(state).outcome).toBe('normal');
  });

  it('transitions are pure: the input state is not modified', () => {
    const before = factory();
    const copy = structuredClone(before);
    selectBootSlot(installImage(before, image));
    expect(before).toEqual(copy);
  });
});
