// Which device a person means: a scanned device QR (dynamic and signed, or a static label whose
// 6-digit code the person types) or an SN plus the label's verification code. Only QR codes of
// this gateway's public URL count; five wrong codes for an SN lock it for 15 minutes.
import type { Clock } from '../../protocol/clock.js';
import { HwbindError, isHwbindError } from '../../protocol/errors.js';
import { BIND_PATH, checkVerificationCode, parseQr, trimBase, verifyDynamicQr } from '../../protocol/qr.js';
import { normalizeSn } from '../../protocol/sn.js';
import type { Device, Store } from '../store/types.js';

export const VERIFY_FAILURE_LIMIT = 5;
export const VERIFY_LOCK_MS = 15 * 60 * 1000;

/** What a person sends to name a device: `{qr}` (plus `verifyCode` for a label QR) or `{sn, verifyCode}`. */
export interface DeviceTarget {
  qr?: string;
  sn?: string;
  verifyCode?: string;
}

export interface Identified {
  device: Device;
  via: 'dynamic_qr' | 'label_code';
}

export class DeviceIdentifier {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly publicUrl: string,
  ) {}

  async identify(target: DeviceTarget): Promise<Identified> {
    if (typeof target.qr === 'string' && target.qr.trim()) return this.fromQr(target.qr.trim(), target.verifyCode);
    if (typeof target.sn === 'string' && target.sn.trim()) return this.fromCode(target.sn, target.verifyCode);
    throw new HwbindError('invalid_argument', 'send {qr} (a scanned device QR code) or {sn, verifyCode}');
  }

  private async fromQr(text: string, verifyCode: string | undefined): Promise<Identified> {
    const base = `${trimBase(this.publicUrl)}${BIND_PATH}`;
    if (!text.startsWith(`${base}?`))
      throw new HwbindError('qr_invalid', `this is not a device QR code of this gateway (expected ${base}?sn=…)`);
    let parsed: ReturnType<typeof parseQr>;
    try {
      parsed = parseQr(text);
    } catch (err) {
      throw isHwbindError(err) ? new HwbindError('qr_invalid', err.message) : err;
    }
    if (parsed.kind === 'add_device')
      throw new HwbindError('qr_invalid', "this is the generic add-device code: scan the device's own QR code");
    if (parsed.kind === 'label') {
      if (!verifyCode)
        throw new HwbindError(
          'invalid_argument',
          'a label QR code needs the 6-digit verification code printed next to it',
        );
      return this.fromCode(parsed.sn, verifyCode);
    }
    const device = await this.store.getDevice(parsed.sn);
    if (!device) throw new HwbindError('device_not_found', `no device ${parsed.sn}`);
    try {
      verifyDynamicQr(parsed, device.secret, this.clock);
    } catch (err) {
      if (isHwbindError(err, 'qr_bad_signature')) throw new HwbindError('qr_invalid', err.message);
      throw err;
    }
    return { device, via: 'dynamic_qr' };
  }

  private async fromCode(snText: string, code: string | undefined): Promise<Identified> {
    let sn: string;
    try {
      sn = normalizeSn(snText);
    } catch (err) {
      throw isHwbindError(err) ? new HwbindError('invalid_argument', err.message) : err;
    }
    if (typeof code !== 'string' || !/^\d{6}$/.test(code.trim()))
      throw new HwbindError('invalid_argument', 'the verification code is the 6 digits printed on the device label');
    const now = this.clock.now();
    const lockedUntil = await this.store.verifyLockedUntil(sn, now);
    if (lockedUntil) throw lockedError(sn, lockedUntil, now);
    const device = await this.store.getDevice(sn);
    if (!device) throw new HwbindError('device_not_found', `no device ${sn}`);
    try {
      checkVerificationCode(device.secret, sn, code.trim());
    } catch (err) {
      if (!isHwbindError(err, 'bad_verification_code')) throw err;
      const locked = await this.store.recordVerifyFailure(sn, now, VERIFY_FAILURE_LIMIT, VERIFY_LOCK_MS);
      if (locked) throw lockedError(sn, locked, now);
      throw new HwbindError('verify_code_wrong', `the verification code does not match device ${sn}`);
    }
    await this.store.clearVerifyFailures(sn);
    return { device, via: 'label_code' };
  }
}

function lockedError(sn: string, until: number, now: number): HwbindError {
  const minutes = Math.ceil((until - now) / 60_000);
  return new HwbindError(
    'verify_locked',
    `too many wrong verification codes for ${sn}: try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
    { retryAfterS: Math.ceil((until - now) / 1000) },
  );
}
