// The vendor and corp commands work offline on a data directory or against a running gateway's
// admin API. Both go through this interface, so the commands are written once.

import { type ApiClient, createApiClient } from '../../protocol/api-client.js';
import type { ProvisioningBundle } from '../../protocol/bundle.js';
import { type Clock, systemClock } from '../../protocol/clock.js';
import { HwbindError } from '../../protocol/errors.js';
import { trimBase } from '../../protocol/qr.js';
import { parseDuration, Tokens } from '../auth/tokens.js';
import { Enterprises } from '../corp/directory.js';
import { openStore } from '../gateway.js';
import { FirmwareCatalog } from '../ota/catalog.js';
import {
  type DeviceEndpoints,
  defaultsNotice,
  type OfflineEndpointSettings,
  offlineEndpoints,
  recordedEndpoints,
} from '../provisioning/endpoints.js';
import { type ImportResult, Provisioning } from '../provisioning/provisioning.js';
import { type AdminDevice, type DeviceFilter, getAdminDevice, listAdminDevices } from '../provisioning/registry.js';
import type { Batch, Corp, Directory, FirmwareRelease, Model, Store } from '../store/types.js';

export interface AdminOps {
  listModels(): Promise<Model[]>;
  addModel(input: {
    id: string;
    name: string;
    vendor?: string;
    capabilities: string;
    vendorKey?: string;
  }): Promise<Model>;
  createBatch(input: { id: string; model: string; seed?: string }): Promise<Batch>;
  addDevice(input: { sn: string; model?: string; secret?: string; batch?: string }): Promise<ProvisioningBundle>;
  importCsv(csv: string, opts: { model?: string; batch?: string; skipInvalid?: boolean }): Promise<ImportResult>;
  bundle(sn: string): Promise<ProvisioningBundle>;
  /** One page of devices in SN order. */
  listDevices(filter: DeviceFilter): Promise<AdminDevice[]>;
  getDevice(sn: string): Promise<AdminDevice>;
  listCorps(): Promise<Corp[]>;
  createCorp(input: { id: string; name: string; memberBinding?: boolean }): Promise<Corp>;
  importDirectory(
    corpId: string | undefined,
    text: string,
  ): Promise<{ corp: Corp; departments: number; members: number; apps: number }>;
  getDirectory(corpId: string): Promise<Directory>;
  setMemberBinding(corpId: string, on: boolean): Promise<Corp>;
  issueToken(
    corpId: string,
    userid: string,
    ttl: string,
  ): Promise<{ token: string; expiresInS: number; loginUrl: string }>;
  publishFirmware(image: Uint8Array, opts: { model?: string; notes?: string }): Promise<FirmwareRelease>;
  listFirmware(opts: { model?: string; retired?: boolean }): Promise<FirmwareRelease[]>;
  retireFirmware(model: string, version: string): Promise<FirmwareRelease>;
  close(): Promise<void>;
}

/** Where an offline command's bundles and login links point, and where it says that they are defaults. */
export interface OfflineTarget {
  endpoints: OfflineEndpointSettings;
  /** Told once when a bundle or login link carries a default URL. */
  notice: (text: string) => void;
}

export class LocalAdmin implements AdminOps {
  private readonly provisioning: Provisioning;
  private readonly enterprises: Enterprises;
  private readonly tokens: Tokens;
  private readonly catalog: FirmwareCatalog;
  private noticed = false;

  private constructor(
    private readonly store: Store,
    private readonly dataDir: string,
    private readonly target: OfflineTarget,
    clock: Clock,
  ) {
    this.provisioning = new Provisioning(store, clock);
    this.enterprises = new Enterprises(store, clock);
    this.tokens = new Tokens(store, clock);
    this.catalog = new FirmwareCatalog(store, dataDir, clock);
  }

  static async open(
    dataDir: string,
    target: OfflineTarget = {
      endpoints: { defaultPublicUrl: 'http://localhost:8080', mqttPort: 1883 },
      notice: () => {},
    },
    clock: Clock = systemClock,
  ): Promise<LocalAdmin> {
    return new LocalAdmin(await openStore(dataDir), dataDir, target, clock);
  }

  /** The URLs `use` carries: given, else recorded by this data directory's gateway, else defaults (said once). */
  private async endpoints(use: 'bundle' | 'login link'): Promise<DeviceEndpoints> {
    const resolved = offlineEndpoints(this.target.endpoints, await recordedEndpoints(this.store));
    const notice = defaultsNotice(resolved, use, this.dataDir);
    if (notice && !this.noticed) {
      this.noticed = true;
      this.target.notice(notice);
    }
    return resolved.endpoints;
  }

  listModels = () => this.store.listModels();
  addModel = (i: Parameters<AdminOps['addModel']>[0]) => this.provisioning.addModel(i);
  createBatch = (i: Parameters<AdminOps['createBatch']>[0]) =>
    this.provisioning.createBatch({ id: i.id, modelId: i.model, seed: i.seed });
  async addDevice(i: Parameters<AdminOps['addDevice']>[0]): Promise<ProvisioningBundle> {
    const device = await this.provisioning.addDevice({
      sn: i.sn,
      modelId: i.model,
      secret: i.secret,
      batchId: i.batch,
    });
    return this.provisioning.bundle(device.sn, await this.endpoints('bundle'));
  }
  importCsv = (csv: string, o: Parameters<AdminOps['importCsv']>[1]) =>
    this.provisioning.importCsv(csv, { modelId: o.model, batchId: o.batch, skipInvalid: o.skipInvalid });
  bundle = async (sn: string) => this.provisioning.bundle(sn, await this.endpoints('bundle'));
  listDevices = (filter: DeviceFilter) => listAdminDevices(this.store, filter);
  getDevice = (sn: string) => getAdminDevice(this.store, sn);
  listCorps = () => this.store.listCorps();
  createCorp = (i: Parameters<AdminOps['createCorp']>[0]) => this.enterprises.create(i);
  async importDirectory(corpId: string | undefined, text: string) {
    const { corp, directory } = await this.enterprises.importDirectory(corpId, text);
    return {
      corp,
      departments: directory.departments.length,
      members: directory.members.length,
      apps: directory.apps.length,
    };
  }
  async getDirectory(corpId: string): Promise<Directory> {
    await this.enterprises.require(corpId);
    return this.store.getDirectory(corpId);
  }
  setMemberBinding = (corpId: string, on: boolean) => this.enterprises.setMemberBinding(corpId, on);
  async issueToken(corpId: string, userid: string, ttl: string) {
    await this.enterprises.require(corpId);
    if (!(await this.store.getMember(corpId, userid)))
      throw new HwbindError('not_found', `no member ${userid} in ${corpId}`);
    const expiresInS = parseDuration(ttl);
    const token = await this.tokens.issue({ corpId, userid }, expiresInS);
    const { publicUrl } = await this.endpoints('login link');
    return { token, expiresInS, loginUrl: `${trimBase(publicUrl)}/login?token=${token}` };
  }
  publishFirmware = (image: Uint8Array, o: { model?: string; notes?: string }) =>
    this.catalog.publish(image, { model: o.model, releaseNotes: o.notes });
  listFirmware = (o: { model?: string; retired?: boolean }) =>
    this.catalog.list({ modelId: o.model, retired: o.retired });
  retireFirmware = (model: string, version: string) => this.catalog.retire(model, version);
  /** The data directory's admin token (for `hwbind gateway` users calling the admin API). */
  adminToken = () => this.tokens.adminToken();
  close = () => this.store.close();
}

export class RemoteAdmin implements AdminOps {
  private readonly api: ApiClient;

  constructor(baseUrl: string, token: string) {
    this.api = createApiClient(baseUrl, token);
  }

  listModels = async () => (await this.api.call('admin.listModels')).models;
  addModel = async (body: Parameters<AdminOps['addModel']>[0]) =>
    (await this.api.call('admin.addModel', { body })).model;
  createBatch = async (body: Parameters<AdminOps['createBatch']>[0]) =>
    (await this.api.call('admin.createBatch', { body })).batch;
  addDevice = (body: Parameters<AdminOps['addDevice']>[0]) => this.api.call('admin.addDevice', { body });
  importCsv = (csv: string, query: Parameters<AdminOps['importCsv']>[1]) =>
    this.api.call('admin.importDevices', { query, body: csv });
  bundle = (sn: string) => this.api.call('admin.deviceBundle', { params: { sn } });
  listDevices = async (filter: DeviceFilter) =>
    (
      await this.api.call('admin.listDevices', {
        query: { model: filter.modelId, online: filter.online, limit: filter.limit, offset: filter.offset },
      })
    ).devices;
  getDevice = (sn: string) => this.api.call('admin.getDevice', { params: { sn } });
  listCorps = async () => (await this.api.call('admin.listCorps')).corps;
  createCorp = async (body: Parameters<AdminOps['createCorp']>[0]) =>
    (await this.api.call('admin.createCorp', { body })).corp;
  importDirectory = async (corpId: string | undefined, text: string) => {
    if (!corpId)
      throw new HwbindError('invalid_argument', 'name the enterprise with --corp when importing through a gateway');
    return this.api.call('admin.importDirectory', { params: { id: corpId }, body: text });
  };
  getDirectory = (corpId: string) => this.api.call('admin.getDirectory', { params: { id: corpId } });
  setMemberBinding = async (corpId: string, on: boolean) =>
    (await this.api.call('admin.setCorpSettings', { params: { id: corpId }, body: { memberBinding: on } })).corp;
  issueToken = (corpId: string, userid: string, ttl: string) =>
    this.api.call('admin.issueToken', { params: { id: corpId }, body: { userid, ttl } });
  publishFirmware = async (image: Uint8Array, o: { model?: string; notes?: string }) =>
    (await this.api.call('admin.publishFirmware', { query: { model: o.model, notes: o.notes }, body: image })).firmware;
  listFirmware = async (o: { model?: string; retired?: boolean }) =>
    (await this.api.call('admin.listFirmware', { query: { model: o.model, retired: o.retired } })).firmware;
  retireFirmware = async (model: string, version: string) =>
    (await this.api.call('admin.retireFirmware', { params: { model, version } })).firmware;
  close = async () => {};
}
