// Entry points for third-party apps, acting with the signed-in member's identity (the session cookie):
// /jsapi/addDevice sends the member into the add-device flow, /jsapi/openDeviceProfile to a device's
// page when they may see it (else a page naming fail_device_permission_denied / fail_device_not_found),
// and /jsapi/hwbind.js offers both to a page's scripts as window.hwbind (promises).
import { HwbindError, isHwbindError } from '../../../protocol/errors.js';
import { BIND_PATH, trimBase } from '../../../protocol/qr.js';
import { isValidSn } from '../../../protocol/sn.js';
import { httpStatus } from '../errors.js';
import { errorPage, type PageHandler } from './layout.js';

export const JSAPI_SCRIPT = '/jsapi/hwbind.js';

/** The error names third-party apps match on, as in the platform's JS-SDK. */
const FAIL_NAMES: Record<string, string> = {
  device_permission_denied: 'fail_device_permission_denied',
  device_not_found: 'fail_device_not_found',
};

/** Where `/jsapi/addDevice?type=qrcode|input|choose&sn=&qrcode_url=` leads (a path on this gateway). */
export function addDeviceEntry(q: Record<string, string | undefined>, publicUrl: string): string {
  const bind = new URL(`${trimBase(publicUrl)}${BIND_PATH}`);
  if (q.qrcode_url) {
    let url: URL | null = null;
    try {
      url = new URL(q.qrcode_url);
    } catch {}
    // Only this gateway's device codes; the query is rebuilt so nothing else rides along.
    if (url && url.origin === bind.origin && url.pathname === bind.pathname && url.searchParams.get('sn'))
      return `${BIND_PATH}?${new URLSearchParams([...url.searchParams]).toString()}`;
  }
  if (q.sn && isValidSn(q.sn)) return `${BIND_PATH}?sn=${encodeURIComponent(q.sn)}`;
  if (q.type === 'qrcode') return '/hw/addDevice#scan';
  if (q.type === 'input') return '/hw/addDevice#code';
  return '/hw/addDevice';
}

export const openDeviceProfileEntry: PageHandler = async (req, { d, actor }) => {
  const sn = (req.query.deviceSn ?? '').toUpperCase();
  try {
    if (!isValidSn(sn)) throw new HwbindError('device_not_found', 'deviceSn must be the serial number of a device');
    await d.devices.get(actor, sn);
  } catch (err) {
    if (!isHwbindError(err) || !FAIL_NAMES[err.code]) throw err;
    return errorPage(httpStatus(err.code), err.code, err.message, FAIL_NAMES[err.code]);
  }
  return { redirect: `/hw/devices/${sn}` };
};
