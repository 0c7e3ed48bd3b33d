// The devices a person manages (rule 7): a device admin every device bound to the corp, anyone else
// the devices they bound. Detail, remark name, device admins; every read and change asks the rules.
import type { Api, ResponseOf } from '../../protocol/api.js';
import { HwbindError } from '../../protocol/errors.js';
import type { DeviceLinks } from '../devices/link.js';
import type { Binding, Device, Model, Store } from '../store/types.js';
import { type Actor, type CorpView, deviceAdmins, isDeviceAdmin } from './rules.js';
import type { BindingService } from './service.js';

export const MAX_REMARK_LENGTH = 64;

/** A device as the person managing it sees it: the Person API's declared answer. */
export type DeviceDetail = ResponseOf<Api['person.getDevice']>;

export class PersonDevices {
  constructor(
    private readonly store: Store,
    private readonly links: DeviceLinks,
    private readonly binding: BindingService,
  ) {}

  async list(actor: Actor): Promise<DeviceDetail[]> {
    const corp = await this.binding.corpView(actor.corpId);
    const bindings = await this.store.listLiveBindings(
      actor.corpId,
      isDeviceAdmin(actor.member) ? {} : { boundBy: actor.member.userid },
    );
    const out: DeviceDetail[] = [];
    for (const b of bindings) {
      const device = await this.store.getDevice(b.sn);
      if (!device) continue;
      const model = await this.store.getModel(device.modelId);
      out.push(this.detail(device, model, b, corp, await this.links.isConnected(device.sn)));
    }
    return out;
  }

  async get(actor: Actor, sn: string): Promise<DeviceDetail> {
    const { corp, binding } = await this.binding.authorize(actor, sn, 'view');
    const device = (await this.store.getDevice(sn))!;
    const model = await this.store.getModel(device.modelId);
    return this.detail(device, model, binding, corp, await this.links.isConnected(sn));
  }

  /** The remark name ("" or null clears it, and the default name shows again). */
  async rename(actor: Actor, sn: string, name: unknown): Promise<DeviceDetail> {
    if (name !== null && typeof name !== 'string')
      throw new HwbindError('invalid_argument', 'name must be a string (or null to clear it)');
    const remark = name?.trim() || null;
    if (remark && remark.length > MAX_REMARK_LENGTH)
      throw new HwbindError('invalid_argument', `name must be at most ${MAX_REMARK_LENGTH} characters`);
    await this.binding.authorize(actor, sn, 'rename');
    await this.store.setDeviceRemark(sn, remark);
    return this.get(actor, sn);
  }

  private detail(device: Device, model: Model | null, b: Binding, corp: CorpView, online: boolean): DeviceDetail {
    const modelName = model?.name ?? device.modelId;
    const binder = corp.members.find((m) => m.userid === b.boundBy);
    return {
      sn: device.sn,
      model: device.modelId,
      modelName,
      capabilities: model?.capabilities ?? device.capabilities,
      name: device.remark ?? `${modelName} ${device.sn.slice(-4)}`,
      remark: device.remark,
      online,
      lastSeen: device.lastSeen,
      firmware: { version: device.firmwareVersion, slots: device.slots },
      binding: {
        id: b.id,
        status: b.status,
        boundBy: b.boundBy,
        boundByName: binder?.name ?? b.boundBy,
        boundAt: b.createdAt,
        activatedAt: b.activatedAt,
        usableRange: b.usableRange,
        apps: b.apps,
      },
      admins: deviceAdmins(corp).map((m) => ({ userid: m.userid, name: m.name, role: m.role })),
    };
  }
}
