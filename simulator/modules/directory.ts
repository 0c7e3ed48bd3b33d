// The usable-range directory (protocol §5.2): full syncs replace, increments apply only on top of
// the version held; anything else asks for a resync. A person who leaves the directory leaves the
// device with their templates. The gateway sends a full sync after a hello whose version is stale,
// so the device asks only when an increment does not fit.
import { type BodyOf, bodyOf } from '../../protocol/messages.js';
import type { FlashState, StoredUser } from '../flash.js';
import type { DeviceModule } from '../module.js';

type WireUser = NonNullable<BodyOf<'directorySync'>['upserts']>[number];

const toStored = (u: WireUser): StoredUser => ({
  userid: u.userid ?? '',
  name: u.name ?? '',
  departmentIds: [...(u.departmentIds ?? [])],
  cardNo: u.cardNo ?? '',
  enrolledKinds: [...(u.enrolledKinds ?? [])],
});

export type DirectoryOutcome = 'applied' | 'unchanged' | 'gap';

/** Applies a sync to the state; `gap` means the increment does not fit the version held. */
export function applyDirectorySync(state: FlashState, sync: BodyOf<'directorySync'>): DirectoryOutcome {
  const version = sync.version ?? 0;
  const upserts = (sync.upserts ?? []).map(toStored);
  if (version === state.directory.version) return 'unchanged';
  if (sync.full) {
    state.directory = { version, users: upserts };
  } else {
    if ((sync.baseVersion ?? 0) !== state.directory.version) return 'gap';
    const users = new Map(state.directory.users.map((u) => [u.userid, u]));
    for (const id of sync.removedUserids ?? []) users.delete(id);
    for (const u of upserts) users.set(u.userid, u);
    state.directory = { version, users: [...users.values()] };
  }
  const present = new Set(state.directory.users.map((u) => u.userid));
  state.templates = state.templates.filter((t) => present.has(t.userid));
  return 'applied';
}

export const directoryModule: DeviceModule = {
  name: 'directory',
  bodies: ['directorySync'],
  async handle(ctx, env) {
    let sync = bodyOf(env, 'directorySync');
    const held = ctx.state().directory.version;
    let outcome = applyDirectorySync(structuredClone(ctx.state()), sync);
    if (outcome === 'gap' && ctx.defective('directory-apply-gap')) {
      sync = { ...sync, baseVersion: held };
      outcome = 'applied';
    }
    if (outcome === 'gap') {
      await ctx.publish('up/directory', 'directoryRequest', { haveVersion: held });
      return;
    }
    if (outcome === 'applied') {
      ctx.update((s) => {
        applyDirectorySync(s, sync);
        if (!sync.full && ctx.defective('directory-increment-keeps-version')) s.directory.version = held;
      });
    }
    if (!(sync.full && ctx.defective('directory-no-full-ack'))) await ctx.ack(env);
  },
};
