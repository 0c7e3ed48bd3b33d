// HTTP status for each stable error code. The body is always {error: {code, message, details?}}.
import type { ErrorCode } from '../../protocol/errors.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  unauthorized: 401,
  forbidden: 403,
  member_binding_disabled: 403,
  usable_range_out_of_visibility: 403,
  app_permission_denied: 403,
  device_permission_denied: 403,
  qr_invalid: 403,
  verify_code_wrong: 403,
  webhook_host_not_allowed: 403,
  user_out_of_range: 403,
  not_found: 404,
  device_not_found: 404,
  conflict: 409,
  device_already_bound: 409,
  binding_not_active: 409,
  // The request is well formed but the device cannot take it as it is: no such sensor, not
  // connected, or already capturing.
  capability_missing: 409,
  device_offline: 409,
  busy: 409,
  no_conformance_session: 409,
  // An older (or the same) firmware version than the device runs, asked for without allowDowngrade.
  downgrade: 409,
  qr_expired: 410,
  payload_too_large: 413,
  rate_limited: 429,
  verify_locked: 429,
  throttled: 429,
  internal: 500,
  storage_unavailable: 503,
  cluster_unavailable: 503,
  storage_full: 507,
  device_timeout: 504,
};

export const httpStatus = (code: ErrorCode): number => STATUS[code] ?? 400;
