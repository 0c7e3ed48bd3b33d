// Templates on devices: a person enrolled once is recognised by every device of the same vendor in the
// corp whose usable range holds them, in the kinds its model has sensors for. What each device holds
// is recorded per binding (held templates) and brought in line with what it should hold — when its
// binding becomes active, an enrollment completes, a directory import changes who is in its range, and
// after each hello — by TemplateSync messages through the outbox, so an offline device catches up
// after its next hello.
// A TemplateSync names every person it touches in removed_userids and carries all of their templates
// in upserts: the device replaces that person's templates, which is also how a template is taken away.
import { BIOMETRIC_KINDS, biometricKindToWire } from '../../protocol/biometrics.js';
import { type CorpView, usableRangeMembers } from '../binding/rules.js';
import type { BindingService } from '../binding/service.js';
import type { Outbox } from '../devices/outbox.js';
import type { Logger } from '../logger.js';
import type { GatewayModule } from '../module.js';
import type { Binding, BiometricTemplate, OutboxEntry, Store } from '../store/types.js';

/** A TemplateSync names at most this many people (as the platform's template upload does)… */
const PEOPLE_PER_SYNC = 200;
/** …and stays well inside down/templates' 512 KiB. */
const BYTES_PER_SYNC = 384 * 1024;
/** Protobuf framing of one template besides its data, generously. */
const TEMPLATE_OVERHEAD = 256;

export interface TemplateSyncOptions {
  store: Store;
  outbox: Outbox;
  binding: BindingService;
  logger: Logger;
}

/** Per person: the kinds and template hashes, as one comparable string. */
function fingerprintOf(list: readonly { userid: string; kind: string; sha256: string }[]): Map<string, string> {
  const parts = new Map<string, string[]>();
  for (const t of list) parts.set(t.userid, [...(parts.get(t.userid) ?? []), `${t.kind}:${t.sha256}`]);
  return new Map([...parts].map(([userid, p]) => [userid, p.sort().join(',')]));
}

export class TemplateSync implements GatewayModule {
  readonly name = 'templates';
  /** One reconcile at a time per device, so two never diff against the same held templates. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly o: TemplateSyncOptions) {
    o.binding.on('status', (binding) => this.bindingChanged(binding));
  }

  /** Waits for the syncs under way, so none writes to a closing store. */
  async stop(): Promise<void> {
    await Promise.all(this.queues.values());
  }

  /** After `userid` completed an enrollment on `sourceSn`: the corp's other devices of that vendor holding them. */
  async enrolled(corpId: string, vendor: string, sourceSn: string, userid: string): Promise<void> {
    const corp = await this.o.binding.corpView(corpId);
    for (const b of await this.o.store.listLiveBindings(corpId)) {
      if (b.status !== 'active' || b.sn === sourceSn) continue;
      if (!usableRangeMembers(corp, b.usableRange).some((m) => m.userid === userid)) continue;
      const device = await this.o.store.getDevice(b.sn);
      const model = device ? await this.o.store.getModel(device.modelId) : null;
      if (model?.vendor === vendor) await this.reconcile(b.sn, [], corp);
    }
  }

  /**
   * The corp's directory changed (an import): who is in which device's usable range may have changed,
   * so each active device gets the templates of the people who joined it and loses those who left.
   */
  async corpChanged(corpId: string): Promise<void> {
    const corp = await this.o.binding.corpView(corpId);
    const bindings = (await this.o.store.listLiveBindings(corpId)).filter((b) => b.status === 'active');
    await Promise.all(bindings.map((b) => this.reconcile(b.sn, [], corp)));
  }

  /**
   * Sends the device what it lacks and takes away what it should not hold. People in `replace` are
   * sent again even when the gateway believes the device holds their templates (the device kept one
   * the gateway did not accept). `corp` spares loading the directory again for each device.
   */
  reconcile(sn: string, replace: readonly string[] = [], corp?: CorpView): Promise<void> {
    const previous = this.queues.get(sn) ?? Promise.resolve();
    const next = previous.then(() => this.bringInLine(sn, replace, corp));
    const settled = next.catch(() => undefined);
    this.queues.set(sn, settled);
    void settled.then(() => {
      if (this.queues.get(sn) === settled) this.queues.delete(sn);
    });
    return next;
  }

  private bindingChanged(binding: Binding): void {
    const done =
      binding.status === 'active'
        ? this.reconcile(binding.sn)
        : binding.status === 'removed'
          ? this.o.store.forgetHeldTemplates(binding.sn)
          : null;
    done?.catch((err) => this.o.logger.error({ err, sn: binding.sn }, 'template sync after a binding change failed'));
  }

  private async bringInLine(sn: string, replace: readonly string[], known?: CorpView): Promise<void> {
    const binding = await this.o.store.getLiveBinding(sn);
    if (binding?.status !== 'active') return;
    const device = await this.o.store.getDevice(sn);
    const model = device ? await this.o.store.getModel(device.modelId) : null;
    const kinds: string[] = BIOMETRIC_KINDS.filter((k) => model?.capabilities.includes(k));
    if (!model || kinds.length === 0) return;
    const stored = await this.o.store.listTemplateDigests(binding.corpId, model.vendor);
    const held = await this.o.store.listHeldTemplates(sn, binding.id);
    if (stored.length === 0 && held.length === 0 && replace.length === 0) return;
    const corp = known?.id === binding.corpId ? known : await this.o.binding.corpView(binding.corpId);
    const inRange = new Set(usableRangeMembers(corp, binding.usableRange).map((m) => m.userid));
    const wanted = stored.filter((t) => inRange.has(t.userid) && kinds.includes(t.kind));
    const want = fingerprintOf(wanted);
    const have = fingerprintOf(held);
    const people = new Set([...want.keys(), ...have.keys(), ...replace]);
    const changed = [...people].filter((u) => replace.includes(u) || want.get(u) !== have.get(u)).sort();
    if (changed.length === 0) return;
    // What is sent (and then held) is read again with the data: a template replaced meanwhile goes as it is now.
    const templates = (await this.o.store.listTemplates(binding.corpId, model.vendor, changed)).filter(
      (t) => inRange.has(t.userid) && kinds.includes(t.kind),
    );
    const heldNext = templates.map((t) => ({ userid: t.userid, kind: t.kind, sha256: t.sha256 }));
    const entries = this.messages(sn, changed, templates);
    await this.o.store.syncHeldTemplates(sn, binding.id, changed, heldNext, entries);
    this.o.logger.info(
      { sn, people: changed.length, templates: heldNext.length, messages: entries.length },
      'template sync queued',
    );
    for (const entry of entries) if (!(await this.o.outbox.send(entry))) return;
  }

  /** TemplateSync messages replacing the templates of `people` with `wanted`'s, split to fit. */
  private messages(sn: string, people: string[], wanted: BiometricTemplate[]): OutboxEntry[] {
    const byPerson = new Map(people.map((u) => [u, wanted.filter((t) => t.userid === u)]));
    const entries: OutboxEntry[] = [];
    let batch: string[] = [];
    let bytes = 0;
    const flush = () => {
      if (batch.length === 0) return;
      const upserts = batch.flatMap((u) => byPerson.get(u)!);
      entries.push(
        this.o.outbox.entry(sn, 'down/templates', 'templates', 'templateSync', {
          removedUserids: batch,
          upserts: upserts.map((t) => ({
            userid: t.userid,
            kind: biometricKindToWire(t.kind),
            index: t.index,
            algorithm: t.algorithm,
            data: t.data,
            sha256: Buffer.from(t.sha256, 'hex'),
          })),
        }),
      );
      batch = [];
      bytes = 0;
    };
    for (const userid of people) {
      const size = byPerson.get(userid)!.reduce((n, t) => n + t.data.length + TEMPLATE_OVERHEAD, userid.length);
      if (batch.length === PEOPLE_PER_SYNC || (batch.length > 0 && bytes + size > BYTES_PER_SYNC)) flush();
      batch.push(userid);
      bytes += size;
    }
    flush();
    return entries;
  }
}
