// Stable error codes shared by the wire protocol, the HTTP API, the CLI and the pages.
// A code never changes meaning once published; new refusals get new codes.

export const ERROR_CODES = {
  // wire / codecs
  malformed_message: 'The payload is not a valid hwbind.v1.Envelope',
  payload_too_large: 'The payload is larger than the limit for this topic',
  unexpected_message: 'This message type is not accepted on this topic',
  frame_crc_mismatch: 'A serial frame failed its CRC-32 check',
  frame_malformed: 'A serial frame is not valid COBS',
  frame_too_large: 'A serial frame exceeded the maximum frame size',
  // identity
  invalid_sn: 'The SN must be 1-128 characters of [0-9A-Za-z]',
  invalid_credentials: 'The MQTT username or password is not of the hwbind form',
  bad_signature: 'The signature does not match',
  stale_timestamp: 'The timestamp is more than 300 s away from the gateway clock',
  replayed_nonce: 'This nonce was already used for this SN',
  invalid_nonce: 'The nonce must be 8-32 characters of [A-Za-z0-9]',
  client_id_mismatch: 'The MQTT client id must equal the SN',
  unknown_device: 'No device with this SN is registered',
  device_disabled: 'The device is disabled',
  throttled: 'Too many failed attempts; try again later',
  bad_credentials: 'The SN is not registered or the signature does not match (not told apart: SNs cannot be probed)',
  // serial provisioning
  wrong_device: 'The device on the line is not the one the bundle is for',
  flash_verify_failed: 'The bundle read back from the device differs from the one written',
  // QR codes
  invalid_qr: 'The QR code is not an hwbind device QR code',
  qr_expired: 'The QR code has expired; show a fresh one on the device',
  qr_bad_signature: 'The QR code signature does not match the device',
  bad_verification_code: 'The verification code does not match the device label',
  // firmware images
  fw_truncated: 'The firmware image is shorter than its header says',
  fw_bad_magic: 'The firmware image does not start with the HWFW magic',
  fw_unsupported_header: 'The firmware image header version or size is not supported',
  fw_size_mismatch: 'The firmware image size does not match its header',
  fw_hash_mismatch: 'The firmware payload SHA-256 does not match its header',
  fw_bad_signature: "The firmware signature does not verify with the model's vendor key",
  fw_wrong_model: 'The firmware image is for another model',
  fw_bad_version: 'The firmware version is not a valid semantic version',
  fw_too_large: 'The firmware image exceeds the maximum size',
  invalid_key: 'The key is not a valid Ed25519 key',
  fw_image_mismatch: 'The downloaded image does not match the size or SHA-256 of the offer',
  fw_job_ended: 'This firmware job has ended or was cancelled: stop downloading it',
  // device-side refusals and outcomes reported on the wire
  user_out_of_range: "The user is not in the device's usable range",
  duplicate_face: 'This face is already enrolled for another user',
  combine_mismatch: 'The fingerprint samples do not come from the same finger',
  capture_failed: 'The sensor could not capture a usable sample',
  downgrade: 'The offered firmware is not newer than the running one',
  fw_not_confirmed:
    'The new firmware was not confirmed (its self-test failed or the power went first): the previous one runs again',
  busy: 'The device is busy with another operation',
  // binding rules (PRODUCT.md)
  member_binding_disabled: 'Member binding is switched off for this enterprise',
  usable_range_out_of_visibility: "The usable range includes people outside the member's visibility range",
  app_permission_denied: 'Only an administrator of this app may associate it',
  device_permission_denied: 'You may not manage this device',
  device_not_found: 'No such device',
  device_already_bound: 'The device is already bound',
  binding_not_active: 'The device has not acknowledged its binding yet',
  qr_invalid: 'The QR code is not a valid device QR code of this gateway',
  verify_code_wrong: 'The verification code does not match the device label',
  verify_locked: 'Too many wrong verification codes for this device; try again in 15 minutes',
  device_timeout: 'The device did not answer in time',
  device_offline: 'The device is not connected to the gateway',
  capability_missing: "The device's model has no sensor for this kind of enrollment",
  template_invalid: 'The enrollment result carries no template, or one that does not match its enrollment or SHA-256',
  webhook_host_not_allowed: "The webhook URL's host is not in the enterprise's allowed hosts",
  // conformance harness
  no_conformance_session: 'No conformance session is open for this device',
  // storage
  storage_full: 'The disk holding the data directory is full: nothing was stored',
  storage_unavailable: 'The data directory cannot be opened or written',
  // several gateway nodes
  cluster_unavailable: 'Redis, which the gateway nodes share, cannot be reached',
  // generic
  invalid_argument: 'An argument is missing or invalid',
  unauthorized: 'Authentication is required',
  forbidden: 'You are not allowed to do this',
  not_found: 'Not found',
  conflict: 'The request conflicts with the current state',
  rate_limited: 'Too many messages; slow down',
  internal: 'Internal error',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An error with a stable machine-readable code. Every refusal in hwbind is one of these. */
export class HwbindError extends Error {
  override readonly name = 'HwbindError';
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  toJSON(): { code: ErrorCode; message: string; details?: Record<string, unknown> } {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

export function isHwbindError(err: unknown, code?: ErrorCode): err is HwbindError {
  return err instanceof HwbindError && (code === undefined || err.code === code);
}
