import { HwbindError } from './errors.js';

/** SN rules (platform): unique, 1-128 chars of [0-9A-Za-z], case-insensitive; stored upper-cased. */
export const SN_PATTERN = /^[0-9A-Za-z]{1,128}$/;

export function isValidSn(sn: string): boolean {
  return SN_PATTERN.test(sn);
}

/** Validates an SN and returns its canonical (upper-cased) form. */
export function normalizeSn(sn: string): string {
  if (typeof sn !== 'string' || !SN_PATTERN.test(sn)) {
    throw new HwbindError(
      'invalid_sn',
      `invalid SN ${JSON.stringify(String(sn).slice(0, 140))}: must be 1-128 characters of [0-9A-Za-z]`,
    );
  }
  return sn.toUpperCase();
}
