// `hwbind sim device` as a real process: the simulated firmware reaching a gateway over MQTT.
import { type ChildProcess, spawn } from 'node:child_process';
import type { FlashState } from '../../simulator/flash.js';
import { Flash } from '../../simulator/flash.js';
import { HWBIND } from './processes.js';
import { until } from './until.js';

export interface SimProcess {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** The device's flash as it is on disk now. */
  flash: () => FlashState | null;
  /** Waits until the device has printed that it is online `times` times in all. */
  online: (times?: number, timeoutMs?: number) => Promise<void>;
  stop: () => Promise<number | null>;
}

/** Over MQTT give a bundle and the broker; over a serial line (`--serial` in args) either may be left out. */
export function runSimDevice(opts: {
  bundleFile?: string;
  stateDir: string;
  mqttUrl?: string;
  sn: string;
  args?: string[];
}): SimProcess {
  const proc = spawn(
    process.execPath,
    [
      HWBIND,
      'sim',
      'device',
      ...(opts.bundleFile ? ['--bundle', opts.bundleFile] : []),
      '--state-dir',
      opts.stateDir,
      ...(opts.mqttUrl ? ['--mqtt-url', opts.mqttUrl] : []),
      ...(opts.args ?? []),
    ],
    { env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const onlineRe = new RegExp(`${opts.sn} online`, 'g');
  return {
    proc,
    output: () => out,
    exited,
    flash: () => Flash.forDevice(opts.stateDir, opts.sn).load(),
    online: async (times = 1, timeoutMs = 15_000) => {
      await until(
        `${opts.sn} online (${times})`,
        () => ((out.match(onlineRe)?.length ?? 0) >= times ? true : null),
        timeoutMs,
      );
    },
    stop: async () => {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      return exited;
    },
  };
}
