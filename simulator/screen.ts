// What the device's screen (or label) shows. Unbound: a device with a screen shows a dynamic QR
// code renewed every 10 minutes; a screenless device relies on its printed label QR and
// verification code. Bound: the enterprise and device name.
import type { Clock } from '../protocol/clock.js';
import { DYNAMIC_QR_RENEW_S, DYNAMIC_QR_TTL_S, dynamicQrUrl, labelQrUrl, verificationCode } from '../protocol/qr.js';
import type { FlashState } from './flash.js';

export type Screen =
  | { kind: 'bound'; corpName: string; deviceName: string }
  | { kind: 'dynamic_qr'; url: string; renewAtMs: number; expiresAtMs: number }
  | { kind: 'label'; url: string; verificationCode: string };

export const QR_RENEW_MS = DYNAMIC_QR_RENEW_S * 1000;

export function screenFor(state: FlashState, clock: Clock): Screen {
  const { identity, binding } = state;
  if (binding) return { kind: 'bound', corpName: binding.corpName || binding.corpId, deviceName: binding.deviceName };
  if (!identity.capabilities.includes('screen')) {
    return {
      kind: 'label',
      url: labelQrUrl(identity.publicUrl, identity.sn),
      verificationCode: verificationCode(identity.secret, identity.sn),
    };
  }
  const now = clock.now();
  return {
    kind: 'dynamic_qr',
    url: dynamicQrUrl(identity.publicUrl, identity.sn, identity.secret, { clock }),
    renewAtMs: now + QR_RENEW_MS,
    expiresAtMs: now + DYNAMIC_QR_TTL_S * 1000,
  };
}
