// Deliberate protocol defects (`hwbind sim device --defect NAME`): one firmware bug per conformance
// check, so the kit (`hwbind conformance`) can be shown to catch each one. A defect is a small,
// explicit branch where the correct behaviour lives; without --defect the device behaves correctly.
import { HwbindError } from '../protocol/errors.js';

export const DEFECTS = {
  'hello-no-capabilities': 'Hello lists no capabilities',
  'slot-state-unspecified': 'Hello reports the inactive slot with state UNSPECIFIED',
  'hello-reused-id': 'every Hello carries the same envelope id',
  'no-heartbeat': 'never sends a Heartbeat',
  'skip-bind-ack': 'stores a BindNotice but never acknowledges it',
  'directory-no-full-ack': 'applies a full DirectorySync without acknowledging it',
  'directory-increment-keeps-version': 'applies a directory increment but keeps the version it held',
  'directory-apply-gap': 'applies (and acknowledges) an increment that does not fit the version held',
  'no-enrollment-progress': 'sends no EnrollmentProgress during a capture',
  'ignore-enrollment-cancel': 'keeps capturing after EnrollmentCancel',
  'no-enrollment-timeout': 'ignores EnrollmentStart.timeout_s',
  'records-oversized-batch': 'sends up to 500 records in one RecordBatch',
  'records-seq-restart': 'keeps the record seq in 8 bits: after 255 it starts again at 1',
  'records-no-resend': 'sends unacknowledged records again only after a reconnect, never after 10 s',
  'records-new-seq-on-resend': 'gives unacknowledged records new seqs when it sends them again',
  'slow-door': 'answers DoorOpen after 4 s',
  'door-no-record': 'does not record remote door openings',
  'no-error-reply': 'drops down messages it cannot handle without an ErrorReply',
  'reset-on-malformed': 'restarts after answering a malformed down message',
  'skip-unbind-ack': 'wipes on an UnbindNotice but never acknowledges it',
  'keep-data-after-unbind': 'forgets the binding on an UnbindNotice but keeps people, templates and queued records',
  'ota-ignore-window': 'asks for up to 32 firmware chunks at once instead of a few',
  'ota-restart-after-drop': 'starts a download over from 0 after a lost link',
  'ota-no-offer-check': "checks a downloaded image only by itself, not against the offer's size and SHA-256",
  'ota-accept-bad-signature': 'installs an image whose signature does not verify',
  'ota-never-confirm': 'never confirms a new image that passed its self-test: it stays on trial',
  'ota-never-revert': 'keeps (and confirms) a new image whose self-test failed',
} as const;

export type Defect = keyof typeof DEFECTS;

export const DEFECT_NAMES = Object.keys(DEFECTS) as Defect[];

/** Parses `skip-bind-ack,slow-door` (the --defect option). */
export function parseDefects(text: string): Defect[] {
  const names = text
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!Object.hasOwn(DEFECTS, name))
      throw new HwbindError(
        'invalid_argument',
        `unknown defect "${name}" (expected one of ${DEFECT_NAMES.join(', ')})`,
      );
  }
  return [...new Set(names)] as Defect[];
}
