// hwbind for third-party apps: include this script from the gateway, then
//   hwbind.addDevice({type: 'qrcode' | 'input' | 'choose', sn, qrcode_url})
//   hwbind.openDeviceProfile({deviceSn})
// Both act as the member signed in on the gateway (its session cookie) and return promises; a refusal
// rejects with {errMsg: 'fail_device_permission_denied' | 'fail_device_not_found' | …, message}.
// openDeviceProfile asks the Person API first, so it works on pages of the gateway's own origin.
(() => {
  const gateway = new URL(document.currentScript?.src ?? location.href).origin;
  const FAIL = { device_permission_denied: 'fail_device_permission_denied', device_not_found: 'fail_device_not_found' };

  function addDevice(options = {}) {
    const query = new URLSearchParams();
    for (const key of ['type', 'sn', 'qrcode_url']) if (options[key]) query.set(key, String(options[key]));
    location.assign(`${gateway}/jsapi/addDevice?${query}`);
    return Promise.resolve({ errMsg: 'addDevice:ok' });
  }

  async function openDeviceProfile(options = {}) {
    const sn = String(options.deviceSn ?? '').toUpperCase();
    if (!/^[0-9A-Z]{1,128}$/.test(sn))
      return Promise.reject({
        errMsg: 'fail_device_not_found',
        message: 'deviceSn must be the serial number of a device',
      });
    let res;
    try {
      res = await fetch(`${gateway}/api/v1/devices/${sn}`, { credentials: 'include' });
    } catch {
      // Also what a page of another origin gets: the Person API answers its own origin only.
      return Promise.reject({ errMsg: 'fail_network', message: 'The gateway could not be reached from this page' });
    }
    if (res.ok) {
      location.assign(`${gateway}/hw/devices/${sn}`);
      return { errMsg: 'openDeviceProfile:ok' };
    }
    const error = (await res.json().catch(() => ({}))).error ?? {};
    return Promise.reject({
      errMsg: FAIL[error.code] ?? `fail_${error.code ?? `http_${res.status}`}`,
      message: error.message ?? `HTTP ${res.status}`,
    });
  }

  window.hwbind = { addDevice, openDeviceProfile };
})();
