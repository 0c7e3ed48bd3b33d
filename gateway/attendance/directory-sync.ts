// The usable-range directory on each device (protocol §5.2): the people the device's usable range
// lets use it — with the kinds each is enrolled in there (stored templates of the device's vendor, in
// kinds its model has sensors for) — with a version per device. A binding that becomes active gets a full sync; a changed
// directory or range an increment (base_version → version); a device that says hello with a stale
// version, or asks, a full sync. Every sync goes through the outbox, so an offline device catches
// up when it returns, and at most one full sync per device waits there: a newer full sync replaces
// the unanswered ones. A completed enrollment is an increment for the devices holding that person.
// The device wipes its directory on UnbindNotice; the gateway forgets it then.
//
// The same ranges decide which records a device may send (records.ts asks rangeOf). They are cached
// per device; with several gateway nodes a change on one node drops the others' copies (through the
// relay, cluster/ranges.ts).
import { BIOMETRIC_KINDS, type BiometricKindName, biometricKindToWire } from '../../protocol/biometrics.js';
import { HwbindError } from '../../protocol/errors.js';
import { type BodyOf, bodyOf, decodeEnvelope } from '../../protocol/messages.js';
import { type CorpView, usableRangeMembers } from '../binding/rules.js';
import type { BindingService } from '../binding/service.js';
import type { Outbox } from '../devices/outbox.js';
import type { MessageRouter } from '../devices/router.js';
import type { Logger } from '../logger.js';
import type { GatewayModule } from '../module.js';
import type { Binding, DeviceDirectory, DirectoryEntry, HeldTemplate, OutboxEntry, Store } from '../store/types.js';

/** The outbox purpose of DirectorySync messages (settled by the default: the device's Ack deletes it). */
export const DIRECTORY_PURPOSE = 'directory';

/** Who may use a device now: the people of its live binding's usable range. */
export interface DeviceRange {
  bindingId: string;
  corpId: string;
  users: ReadonlySet<string>;
}

export interface DirectorySyncOptions {
  store: Store;
  logger: Logger;
  binding: BindingService;
  outbox: Outbox;
  router: MessageRouter;
}

interface PendingSync {
  entry: OutboxEntry;
  sync: BodyOf<'directorySync'>;
}

/** Per person, the kinds they are enrolled in on one device. */
type Enrolled = ReadonlyMap<string, BiometricKindName[]>;

/** The stored templates of a corp per vendor, read once for many devices of one change. */
type TemplateDigests = Map<string, Promise<HeldTemplate[]>>;

const entriesOf = (corp: CorpView, binding: Binding, enrolled: Enrolled): DirectoryEntry[] =>
  usableRangeMembers(corp, binding.usableRange)
    .map((m) => ({
      userid: m.userid,
      name: m.name,
      departmentIds: [...m.departments].sort(),
      enrolledKinds: enrolled.get(m.userid) ?? [],
    }))
    .sort((a, b) => (a.userid < b.userid ? -1 : a.userid > b.userid ? 1 : 0));

const sameEntry = (a: DirectoryEntry, b: DirectoryEntry): boolean =>
  a.name === b.name &&
  a.departmentIds.join('\u0000') === b.departmentIds.join('\u0000') &&
  a.enrolledKinds.join() === b.enrolledKinds.join();

const toWire = (u: DirectoryEntry) => ({
  userid: u.userid,
  name: u.name,
  departmentIds: u.departmentIds,
  enrolledKinds: u.enrolledKinds.map(biometricKindToWire),
});

export class DirectorySync implements GatewayModule {
  readonly name = 'directory';
  private readonly ranges = new Map<string, Promise<DeviceRange | null>>();
  private readonly queues = new Map<string, Promise<void>>();
  private relay: ((sns: string[]) => void) | null = null;

  constructor(private readonly o: DirectorySyncOptions) {
    o.router.on('directoryRequest', (ctx) => this.onRequest(ctx.sn));
    o.binding.on('status', (binding) => this.onStatus(binding));
  }

  /** Catches up on what changed while the gateway was down (an offline directory import, a crash right after an activation). */
  async start(): Promise<void> {
    for (const corp of await this.o.store.listCorps()) await this.corpChanged(corp.id);
  }

  /** HelloAck.directory_version: the latest version for the device (0 without an active binding). */
  async helloAckPart(sn: string): Promise<Partial<BodyOf<'helloAck'>>> {
    const dir = await this.o.store.getDeviceDirectory(sn);
    return dir?.bindingId ? { directoryVersion: dir.version } : {};
  }

  /**
   * After a hello (before the outbox resend): a device whose version is stale gets a full sync,
   * unless the syncs waiting in the outbox bring it up to date from what it holds.
   */
  async afterHello(sn: string, hello: BodyOf<'hello'>): Promise<void> {
    const held = hello.directoryVersion ?? 0;
    const dir = await this.o.store.getDeviceDirectory(sn);
    if (dir?.bindingId && held === dir.version) return;
    const binding = await this.o.store.getLiveBinding(sn);
    if (binding?.status !== 'active') return;
    if (dir?.bindingId === binding.id) {
      let version = held;
      for (const { sync } of await this.pending(sn)) {
        if (sync.full || (sync.baseVersion ?? 0) === version) version = sync.version ?? 0;
      }
      if (version === dir.version) return;
    }
    // Stored only: the outbox step that follows sends it with everything else. (Also heals an
    // active binding whose first sync was never queued, a crash in between.)
    await this.serially(sn, () => this.refresh(sn, { full: true, send: false }));
  }

  /** The corp's directory changed (an import): every active device of the corp gets what changed. */
  async corpChanged(corpId: string): Promise<void> {
    const bindings = (await this.o.store.listLiveBindings(corpId)).filter((b) => b.status === 'active');
    if (bindings.length === 0) return;
    const corp = await this.o.binding.corpView(corpId);
    const templates: TemplateDigests = new Map();
    this.rangesChanged(bindings.map((b) => b.sn));
    // All at once: their saves share commits.
    await Promise.all(bindings.map((b) => this.serially(b.sn, () => this.refresh(b.sn, { corp, templates }))));
  }

  /** `userid` got a template stored for `vendor`'s devices: those holding them get their new enrolled kinds. */
  async enrolled(corpId: string, vendor: string, userid: string): Promise<void> {
    const corp = await this.o.binding.corpView(corpId);
    const concerned: string[] = [];
    for (const b of await this.o.store.listLiveBindings(corpId)) {
      if (b.status !== 'active' || !usableRangeMembers(corp, b.usableRange).some((m) => m.userid === userid)) continue;
      const device = await this.o.store.getDevice(b.sn);
      const model = device ? await this.o.store.getModel(device.modelId) : null;
      if (model?.vendor === vendor) concerned.push(b.sn);
    }
    const templates: TemplateDigests = new Map();
    await Promise.all(concerned.map((sn) => this.serially(sn, () => this.refresh(sn, { corp, templates }))));
  }

  /** Tells the other nodes which devices' ranges changed here. */
  relayRangesTo(relay: (sns: string[]) => void): void {
    this.relay = relay;
  }

  /** The ranges of these devices (null: of every device) changed on another node: loaded again when asked. */
  forgetRanges(sns: string[] | null): void {
    if (sns === null) this.ranges.clear();
    else for (const sn of sns) this.ranges.delete(sn);
  }

  /** Who may use the device now; null when it has no live binding. Cached until the range or directory changes. */
  rangeOf(sn: string): Promise<DeviceRange | null> {
    let range = this.ranges.get(sn);
    if (!range) {
      range = this.loadRange(sn);
      this.ranges.set(sn, range);
      range.catch(() => this.ranges.delete(sn));
    }
    return range;
  }

  private async loadRange(sn: string): Promise<DeviceRange | null> {
    const binding = await this.o.store.getLiveBinding(sn);
    if (!binding) return null;
    const corp = await this.o.binding.corpView(binding.corpId);
    const users = new Set(usableRangeMembers(corp, binding.usableRange).map((m) => m.userid));
    return { bindingId: binding.id, corpId: binding.corpId, users };
  }

  private rangesChanged(sns: string[]): void {
    this.forgetRanges(sns);
    this.relay?.(sns);
  }

  private onStatus(binding: Binding): void {
    this.rangesChanged([binding.sn]);
    const sn = binding.sn;
    const work =
      binding.status === 'active'
        ? () => this.refresh(sn, { full: true })
        : binding.status === 'removed'
          ? () => this.forget(sn)
          : null;
    if (!work) return;
    this.serially(sn, work).catch((err) =>
      this.o.logger.error({ err, sn, binding: binding.id }, `directory sync after ${binding.status} failed`),
    );
  }

  /** A device asks for its directory: the full sync waiting for it, or a new one. */
  private async onRequest(sn: string): Promise<void> {
    const dir = await this.o.store.getDeviceDirectory(sn);
    if (!dir?.bindingId)
      throw new HwbindError('binding_not_active', `device ${sn} has no active binding, so no directory`);
    const waiting = (await this.pending(sn)).find((p) => p.sync.full && p.sync.version === dir.version);
    if (waiting) {
      await this.o.outbox.send(waiting.entry);
      return;
    }
    await this.serially(sn, () => this.refresh(sn, { full: true }));
  }

  /**
   * Brings the stored directory of the device to its binding's usable range and queues the sync:
   * a full one for a new binding, when asked, or when syncs are still unanswered (it replaces them);
   * otherwise an increment, and nothing when nothing changed.
   */
  private async refresh(
    sn: string,
    opts: { full?: boolean; send?: boolean; corp?: CorpView; templates?: TemplateDigests },
  ): Promise<void> {
    const binding = await this.o.store.getLiveBinding(sn);
    if (binding?.status !== 'active') return;
    const corp = opts.corp ?? (await this.o.binding.corpView(binding.corpId));
    const users = entriesOf(corp, binding, await this.enrolledOn(sn, binding.corpId, opts.templates ?? new Map()));
    // The records of this device are judged against the same people (saves records.ts a lookup).
    this.rangesChanged([sn]);
    this.ranges.set(
      sn,
      Promise.resolve({ bindingId: binding.id, corpId: binding.corpId, users: new Set(users.map((u) => u.userid)) }),
    );
    const before = await this.o.store.getDeviceDirectory(sn);
    const held = before?.bindingId === binding.id ? before.users : null;
    const previous = new Map((held ?? []).map((u) => [u.userid, u]));
    const upserts = users.filter((u) => {
      const old = previous.get(u.userid);
      return !old || !sameEntry(old, u);
    });
    const present = new Set(users.map((u) => u.userid));
    const removed = [...previous.keys()].filter((id) => !present.has(id));
    const changed = held === null || upserts.length > 0 || removed.length > 0;
    if (!changed && !opts.full) return;
    const pending = await this.pending(sn);
    const baseVersion = before?.version ?? 0;
    const version = changed ? baseVersion + 1 : baseVersion;
    const full = held === null || opts.full === true || pending.length > 0;
    const entry = this.o.outbox.entry(sn, 'down/directory', DIRECTORY_PURPOSE, 'directorySync', {
      version,
      ...(full
        ? { full: true, upserts: users.map(toWire) }
        : { baseVersion, upserts: upserts.map(toWire), removedUserids: removed }),
    });
    const dir: DeviceDirectory = { sn, bindingId: binding.id, corpId: binding.corpId, version, users };
    await this.o.store.saveDeviceDirectory(dir, { entry, replaces: full ? pending.map((p) => p.entry.id) : [] });
    this.o.logger.info(
      { sn, version, full, users: users.length, upserts: upserts.length, removed: removed.length },
      'directory sync queued',
    );
    if (opts.send !== false) await this.o.outbox.send(entry);
  }

  /** Who is enrolled in which kinds on the device: the corp's stored templates of its vendor, in the kinds of its sensors. */
  private async enrolledOn(sn: string, corpId: string, templates: TemplateDigests): Promise<Enrolled> {
    const device = await this.o.store.getDevice(sn);
    const model = device ? await this.o.store.getModel(device.modelId) : null;
    const kinds = BIOMETRIC_KINDS.filter((k) => model?.capabilities.includes(k));
    if (!model || kinds.length === 0) return new Map();
    let stored = templates.get(model.vendor);
    if (!stored) {
      stored = this.o.store.listTemplateDigests(corpId, model.vendor);
      templates.set(model.vendor, stored);
    }
    const held = new Map<string, Set<string>>();
    for (const t of await stored) held.set(t.userid, (held.get(t.userid) ?? new Set()).add(t.kind));
    return new Map([...held].map(([userid, of]) => [userid, kinds.filter((k) => of.has(k))]));
  }

  /** Unbound: the device wiped its directory; unanswered syncs go, the version stays (never reused). */
  private async forget(sn: string): Promise<void> {
    const before = await this.o.store.getDeviceDirectory(sn);
    if (!before) return;
    const pending = await this.pending(sn);
    await this.o.store.saveDeviceDirectory(
      { sn, bindingId: null, corpId: null, version: before.version, users: [] },
      { replaces: pending.map((p) => p.entry.id) },
    );
  }

  /** Unanswered DirectorySync messages of the device, oldest first. */
  private async pending(sn: string): Promise<PendingSync[]> {
    return (await this.o.store.listOutbox(sn))
      .filter((e) => e.purpose === DIRECTORY_PURPOSE)
      .map((entry) => ({ entry, sync: bodyOf(decodeEnvelope(entry.payload), 'directorySync') }));
  }

  /** Runs one device's directory work one at a time (read, diff, write must not interleave). */
  private serially(sn: string, work: () => Promise<void>): Promise<void> {
    const run = (this.queues.get(sn) ?? Promise.resolve()).then(work);
    const settled = run.catch(() => undefined);
    this.queues.set(sn, settled);
    void settled.then(() => {
      if (this.queues.get(sn) === settled) this.queues.delete(sn);
    });
    return run;
  }
}
