// Registered devices as an operator sees them (the admin API and `hwbind device list|show`, offline
// or remote): everything but the secret, with the live binding if there is one.
import type { Api, ResponseOf } from '../../protocol/api.js';
import { HwbindError } from '../../protocol/errors.js';
import { isValidSn, normalizeSn } from '../../protocol/sn.js';
import type { Device, Store } from '../store/types.js';

export type AdminDevice = ResponseOf<Api['admin.getDevice']>;

export interface DeviceFilter {
  modelId?: string;
  online?: boolean;
  limit?: number;
  offset?: number;
}

export async function listAdminDevices(store: Store, filter: DeviceFilter = {}): Promise<AdminDevice[]> {
  return Promise.all((await store.listDevices(filter)).map((d) => adminView(store, d)));
}

export async function getAdminDevice(store: Store, sn: string): Promise<AdminDevice> {
  const device = isValidSn(sn) ? await store.getDevice(normalizeSn(sn)) : null;
  if (!device) throw new HwbindError('device_not_found', `no device ${sn}`);
  return adminView(store, device);
}

async function adminView(store: Store, { secret: _secret, ...device }: Device): Promise<AdminDevice> {
  const b = await store.getLiveBinding(device.sn);
  return {
    ...device,
    binding: b && {
      id: b.id,
      corp: b.corpId,
      status: b.status,
      boundBy: b.boundBy,
      boundAt: b.createdAt,
      activatedAt: b.activatedAt,
    },
  };
}
