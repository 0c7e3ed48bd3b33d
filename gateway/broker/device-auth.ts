// Device authentication for MQTT CONNECT, as a list of small steps (PRODUCT.md "Device credentials").
// Each refusal has a reason code and the MQTT 3.1.1 CONNACK return code it maps to.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../protocol/clock.js';
import { parseUsername, verifyDeviceCredentials } from '../../protocol/credentials.js';
import { type ErrorCode, HwbindError, isHwbindError } from '../../protocol/errors.js';
import type { DeviceLinkListener } from '../devices/link.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Device, Store } from '../store/types.js';
import { ReplayCache, type ReplayCacheDeps } from './replay-cache.js';
import { FailureThrottle } from './throttle.js';

/** CONNACK return codes of MQTT 3.1.1. */
export const CONNACK = { identifierRejected: 2, serverUnavailable: 3, badCredentials: 4, notAuthorized: 5 } as const;

const RETURN_CODE: Partial<Record<ErrorCode, number>> = {
  client_id_mismatch: CONNACK.identifierRejected,
  invalid_credentials: CONNACK.badCredentials,
  invalid_nonce: CONNACK.badCredentials,
  invalid_sn: CONNACK.badCredentials,
  bad_signature: CONNACK.badCredentials,
  stale_timestamp: CONNACK.badCredentials,
  replayed_nonce: CONNACK.badCredentials,
  // An unknown SN answers like a wrong signature: nobody can probe which SNs exist.
  unknown_device: CONNACK.badCredentials,
  // Only a device that proved its identity learns it is disabled.
  device_disabled: CONNACK.notAuthorized,
  throttled: CONNACK.notAuthorized,
};

/** Verifies nothing: a random key no device has, used for unknown SNs. */
const UNKNOWN_DEVICE_SECRET = randomBytes(32).toString('hex');

export class AuthRefusal extends HwbindError {
  readonly returnCode: number;
  constructor(code: ErrorCode, message?: string) {
    super(code, message);
    this.returnCode = RETURN_CODE[code] ?? CONNACK.notAuthorized;
  }
}

export interface ConnectAttempt {
  clientId: string;
  username: string | undefined;
  password: Buffer | undefined;
  ip: string;
}

export interface DeviceAuthDeps extends ReplayCacheDeps {
  /** Failed connects per SN and address in a minute before a lockout (×10 per address). */
  failureLimit: number;
}

export class DeviceAuthenticator {
  private readonly store: Store;
  private readonly clock: Clock;
  private readonly replay: ReplayCache;
  private readonly perSn: FailureThrottle;
  private readonly perIp: FailureThrottle;

  constructor(d: DeviceAuthDeps) {
    this.store = d.store;
    this.clock = d.clock;
    this.replay = new ReplayCache(d);
    this.perSn = new FailureThrottle(d.clock, d.failureLimit);
    // One address may front many devices (a NAT, a test fleet): its limit is higher.
    this.perIp = new FailureThrottle(d.clock, d.failureLimit * 10);
  }

  /** Resolves to the device, or rejects with an AuthRefusal. */
  async authenticate(a: ConnectAttempt): Promise<Device> {
    let snKey = '';
    try {
      if (this.perIp.isLocked(a.ip)) throw new AuthRefusal('throttled', `too many failed connects from ${a.ip}`);
      if (a.username === undefined || a.password === undefined)
        throw new AuthRefusal('invalid_credentials', 'username and password are required');
      const parsed = parseUsername(a.username);
      // Keyed by SN and address: an outsider who knows an SN (it is on the label) must not be
      // able to lock the real device out from elsewhere.
      snKey = `${parsed.canonicalSn}|${a.ip}`;
      if (this.perSn.isLocked(snKey))
        throw new AuthRefusal('throttled', `too many failed connects for ${parsed.canonicalSn} from ${a.ip}`);
      const device = await this.store.getDevice(parsed.canonicalSn);
      // An unknown SN costs the same signature check as a known one, so timing tells nothing either;
      // the log still says which it was.
      const { clientId, username } = a;
      const password = a.password.toString('utf8');
      const checked = (secret: string) =>
        verifyDeviceCredentials({ clientId, username, password, secret, clock: this.clock });
      if (!device) {
        try {
          checked(UNKNOWN_DEVICE_SECRET);
        } catch {}
        throw new AuthRefusal('unknown_device');
      }
      checked(device.secret);
      if (device.disabled) throw new AuthRefusal('device_disabled');
      if (!(await this.replay.claim(device.sn, parsed.nonce))) throw new AuthRefusal('replayed_nonce');
      return device;
    } catch (err) {
      const refusal =
        err instanceof AuthRefusal ? err : isHwbindError(err) ? new AuthRefusal(err.code, err.message) : null;
      if (!refusal) throw err;
      if (refusal.code !== 'throttled') {
        this.perIp.fail(a.ip);
        if (snKey) this.perSn.fail(snKey);
      }
      throw refusal;
    }
  }
}

/** What every device transport (the MQTT broker, the serial bridge) is built with. */
export interface TransportOptions {
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** One authenticator for every transport: a nonce used on one is used on all. */
  auth: DeviceAuthenticator;
  listener: DeviceLinkListener;
  /** Messages a second a device may send. */
  publishRate: number;
}
