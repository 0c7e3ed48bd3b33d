// `hwbind flash`: writes a provisioning bundle to a device over its serial line and reads it back.
// The device must answer (info), be the device the bundle is for (its model; blank, or already this
// SN), take the bundle (writeBundle) and give back the same (readBundle: the secret as its SHA-256).
// Requests go again until answered: a noisy line costs time, not the result.
import type { ProvisioningBundle } from '../../protocol/bundle.js';
import { systemClock } from '../../protocol/clock.js';
import { ERROR_CODES, type ErrorCode, HwbindError, isHwbindError } from '../../protocol/errors.js';
import { sha256 } from '../../protocol/firmware.js';
import { LinkEndpoint } from '../../protocol/serial-channel.js';
import {
  type BundleReadback,
  type DeviceInfo,
  encodeLinkFrame,
  lineRate,
  MAX_CONTROL_PAYLOAD,
  type PortSpec,
  type RequestOp,
  type ResponseFrame,
  wireBytes,
} from '../../protocol/serial-link.js';
import { SerialLine } from '../../protocol/serial-port.js';

export interface FlashOptions {
  spec: PortSpec;
  bundle: ProvisioningBundle;
  /** How long to wait for each answer of the device, ms. */
  timeoutMs: number;
  progress(line: string): void;
}

export interface FlashResult {
  sn: string;
  model: string;
  /** The device held this bundle already: nothing was written, it was verified. */
  alreadyProvisioned: boolean;
}

export async function flashBundle(o: FlashOptions): Promise<FlashResult> {
  const body = JSON.stringify(o.bundle);
  try {
    encodeLinkFrame({ type: 'request', id: 0, op: 'writeBundle', body });
  } catch (err) {
    if (!isHwbindError(err, 'frame_too_large')) throw err;
    throw new HwbindError(
      'invalid_argument',
      `the bundle is ${Buffer.byteLength(body)} bytes: at most ${MAX_CONTROL_PAYLOAD - 4} fit the serial line's control frame`,
    );
  }
  const line = new DeviceConsole(o.spec);
  await line.open();
  try {
    return await flashSteps(o, line, body);
  } finally {
    await line.close();
  }
}

async function flashSteps(o: FlashOptions, line: DeviceConsole, body: string): Promise<FlashResult> {
  const { path } = o.spec;
  const b = o.bundle;
  o.progress(`flash ${path}: waiting for the device (${o.spec.baud} baud, up to ${o.timeoutMs / 1000} s)`);
  const info = (await line.request('info', '', o.timeoutMs)) as DeviceInfo;
  if (info.model && info.model !== b.model) {
    throw new HwbindError(
      'wrong_device',
      `the device on ${path} runs ${info.model} firmware; the bundle is for ${b.model}`,
    );
  }
  const already = info.mode === 'provisioned';
  if (already && info.sn !== b.sn) {
    throw new HwbindError(
      'wrong_device',
      `the device on ${path} is already provisioned as ${info.sn}, the bundle is for ${b.sn}: factory-reset it first`,
    );
  }
  if (already) {
    o.progress(`flash ${path}: ${info.sn} is provisioned already (firmware ${info.firmware}): verifying`);
  } else {
    o.progress(
      `flash ${path}: ${info.model ? `a ${info.model}` : 'a device'} in provisioning mode (firmware ${info.firmware}): writing ${Buffer.byteLength(body)} bytes for ${b.sn}`,
    );
    await line.request('writeBundle', body, o.timeoutMs);
    o.progress(`flash ${path}: written; reading it back`);
  }
  const back = (await line.request('readBundle', '', o.timeoutMs)) as BundleReadback;
  const differs = differences(b, back);
  if (differs.length > 0) {
    throw new HwbindError(
      'flash_verify_failed',
      `the bundle read back from ${path} differs in ${differs.join(', ')}${already ? `: ${b.sn} was provisioned with another bundle` : ''}`,
    );
  }
  o.progress(`flash ${path}: ${b.sn} (${b.model}) ${already ? 'verified' : 'written and verified'}`);
  return { sn: b.sn, model: b.model, alreadyProvisioned: already };
}

function differences(b: ProvisioningBundle, back: BundleReadback): string[] {
  const out: string[] = [];
  for (const key of ['sn', 'model', 'mqttUrl', 'publicUrl'] as const) if (back[key] !== b[key]) out.push(key);
  if (JSON.stringify(back.capabilities) !== JSON.stringify(b.capabilities)) out.push('capabilities');
  if (back.secretSha256 !== sha256(Buffer.from(b.secret, 'utf8')).toString('hex')) out.push('secret');
  return out;
}

/** The flashing tool's end of the line: requests, sent again until their answer comes. */
class DeviceConsole {
  private readonly line: SerialLine;
  private readonly endpoint: LinkEndpoint;
  private readonly waiting = new Map<number, (f: ResponseFrame) => void>();
  private nextId = 1;
  private lost: Error | null = null;
  /** AUTHs seen: a provisioned device trying to reach a gateway. */
  private auths = 0;

  constructor(private readonly spec: PortSpec) {
    this.endpoint = new LinkEndpoint({
      clock: systemClock,
      timers: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
      baud: spec.baud,
      maxMessage: 0,
      write: (wire) => this.line.write(wire),
      onControl: (f) => {
        if (f.type === 'response') this.waiting.get(f.id)?.(f);
        else if (f.type === 'auth') this.auths++;
      },
      onMessage: () => {},
      onOversized: () => {},
      onStray: () => {},
      onDead: () => {},
    });
    this.line = new SerialLine({
      spec,
      reopen: false,
      onData: (chunk) => this.endpoint.input(chunk),
      onClosed: (err) => {
        this.lost = new HwbindError(
          'device_offline',
          `serial port ${spec.path} went away: ${err?.message ?? 'closed'}`,
        );
      },
    });
  }

  open(): Promise<void> {
    return this.line.openOnce();
  }

  async close(): Promise<void> {
    await this.line.drain();
    this.endpoint.dispose();
    await this.line.stop();
  }

  /** Sends a request until the device answers it; resolves to the answer, rejects with the refusal or a timeout. */
  async request(op: RequestOp, body: string, timeoutMs: number): Promise<unknown> {
    const id = this.nextId++;
    // Long enough for a request and its answer to cross the line at this baud rate.
    const everyMs = Math.max(500, (3 * wireBytes(MAX_CONTROL_PAYLOAD) * 1000) / lineRate(this.spec.baud));
    const deadline = Date.now() + timeoutMs;
    let answer: ResponseFrame | null = null;
    const answered = new Promise<void>((resolve) =>
      this.waiting.set(id, (f) => {
        answer = f;
        resolve();
      }),
    );
    try {
      while (!answer && !this.lost && Date.now() < deadline) {
        this.endpoint.control({ type: 'request', id, op, body });
        const wait = Math.min(everyMs, deadline - Date.now());
        await Promise.race([answered, new Promise((r) => setTimeout(r, wait))]);
      }
    } finally {
      this.waiting.delete(id);
    }
    if (this.lost) throw this.lost;
    if (!answer) throw this.timeout(op, timeoutMs);
    const a = answer as ResponseFrame;
    let parsed: unknown;
    try {
      parsed = JSON.parse(a.body);
    } catch {
      throw new HwbindError('malformed_message', `the device answered ${op} with something that is not JSON`);
    }
    if (a.ok) return parsed;
    const refusal = (parsed ?? {}) as { code?: string; message?: string };
    const code = refusal.code && refusal.code in ERROR_CODES ? (refusal.code as ErrorCode) : 'internal';
    throw new HwbindError(code, `the device refused ${op}: ${refusal.message ?? refusal.code ?? 'no reason given'}`);
  }

  private timeout(op: RequestOp, timeoutMs: number): HwbindError {
    const s = this.endpoint.stats;
    const damaged = s.crcErrors + s.malformed + s.badLinkFrames;
    const path = this.spec.path;
    if (damaged > 0 && s.frames === 0) {
      return new HwbindError(
        'frame_crc_mismatch',
        `${damaged} frames from ${path} failed their CRC-32 check and none passed: check the baud rate (${this.spec.baud}) and the wiring`,
      );
    }
    const heard = this.auths > 0 ? ` (it is trying to reach a gateway: ${this.auths} AUTH frames heard)` : '';
    const noise = damaged > 0 ? `; ${damaged} damaged frames were dropped` : '';
    return new HwbindError(
      'device_timeout',
      `no answer to ${op} from ${path} within ${timeoutMs / 1000} s${heard}${noise}: is the device powered, connected and at ${this.spec.baud} baud?`,
    );
  }
}
