// The vendor and corp commands work offline on a data directory or against a running gateway's
// admin API. Both go through this interface, so the commands are written once.

import type { ProvisioningBundle } from '../../protocol/bundle.js';
import { type Clock, systemClock } from '../../protocol/clock.js';
import { type ErrorCode, HwbindError } from '../../protocol/errors.js';
import { parseDuration, Tokens } from '../auth/tokens.js';
import { Enterprises } from '../corp/directory.js';
import { openStore } from '../gateway.js';
import { type ImportResult, Provisioning } from '../provisioning/provisioning.js';
import type { Batch, Corp, Directory, Model, Store } from '../store/types.js';

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
  close(): Promise<void>;
}

export class LocalAdmin implements AdminOps {
  private readonly provisioning: Provisioning;
  private readonly enterprises: Enterprises;
  private readonly tokens: Tokens;

  private constructor(
    private readonly store: Store,
    private readonly endpoints: { mqttUrl: string; publicUrl: string },
    clock: Clock,
  ) {
    this.provisioning = new Provisioning(store, clock);
    this.enterprises = new Enterprises(store, clock);
    this.tokens = new Tokens(store, clock);
  }

  static async open(
    dataDir: string,
    endpoints: { mqttUrl: string; publicUrl: string },
    clock: Clock = systemClock,
  ): Promise<LocalAdmin> {
    return new LocalAdmin(await openStore(dataDir), endpoints, clock);
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
    return this.provisioning.bundle(device.sn, this.endpoints);
  }
  importCsv = (csv: string, o: Parameters<AdminOps['importCsv']>[1]) =>
    this.provisioning.importCsv(csv, { modelId: o.model, batchId: o.batch, skipInvalid: o.skipInvalid });
  bundle = (sn: string) => this.provisioning.bundle(sn, this.endpoints);
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
    return { token, expiresInS, loginUrl: `${this.endpoints.publicUrl.replace(/\/+$/, '')}/login?token=${token}` };
  }
  /** The data directory's admin token (for `hwbind gateway` users calling the admin API). */
  adminToken = () => this.tokens.adminToken();
  close = () => this.store.close();
}

export class RemoteAdmin implements AdminOps {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl.replace(/\/+$/, '')}/api/v1/admin${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body !== undefined ? { 'content-type': contentType } : {}),
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
    } catch (err) {
      throw new HwbindError('internal', `cannot reach the gateway at ${this.baseUrl}: ${(err as Error).message}`);
    }
    const data = (await res.json().catch(() => ({}))) as {
      error?: { code: ErrorCode; message: string; details?: Record<string, unknown> };
    };
    if (!res.ok)
      throw new HwbindError(
        data.error?.code ?? 'internal',
        data.error?.message ?? `HTTP ${res.status}`,
        data.error?.details,
      );
    return data as T;
  }

  listModels = async () => (await this.call<{ models: Model[] }>('GET', '/models')).models;
  addModel = async (i: Parameters<AdminOps['addModel']>[0]) =>
    (await this.call<{ model: Model }>('POST', '/models', i)).model;
  createBatch = async (i: Parameters<AdminOps['createBatch']>[0]) =>
    (await this.call<{ batch: Batch }>('POST', '/batches', i)).batch;
  addDevice = (i: Parameters<AdminOps['addDevice']>[0]) => this.call<ProvisioningBundle>('POST', '/devices', i);
  importCsv = (csv: string, o: Parameters<AdminOps['importCsv']>[1]) => {
    const q = new URLSearchParams();
    if (o.model) q.set('model', o.model);
    if (o.batch) q.set('batch', o.batch);
    if (o.skipInvalid) q.set('skipInvalid', 'true');
    return this.call<ImportResult>('POST', `/devices/import?${q}`, csv, 'text/csv');
  };
  bundle = (sn: string) => this.call<ProvisioningBundle>('GET', `/devices/${encodeURIComponent(sn)}/bundle`);
  listCorps = async () => (await this.call<{ corps: Corp[] }>('GET', '/corps')).corps;
  createCorp = async (i: Parameters<AdminOps['createCorp']>[0]) =>
    (await this.call<{ corp: Corp }>('POST', '/corps', i)).corp;
  importDirectory = async (corpId: string | undefined, text: string) => {
    if (!corpId)
      throw new HwbindError('invalid_argument', 'name the enterprise with --corp when importing through a gateway');
    return this.call<{ corp: Corp; departments: number; members: number; apps: number }>(
      'PUT',
      `/corps/${encodeURIComponent(corpId)}/directory`,
      text,
      'application/yaml',
    );
  };
  getDirectory = (corpId: string) => this.call<Directory>('GET', `/corps/${encodeURIComponent(corpId)}/directory`);
  setMemberBinding = async (corpId: string, on: boolean) =>
    (await this.call<{ corp: Corp }>('PUT', `/corps/${encodeURIComponent(corpId)}/settings`, { memberBinding: on }))
      .corp;
  issueToken = (corpId: string, userid: string, ttl: string) =>
    this.call<{ token: string; expiresInS: number; loginUrl: string }>(
      'POST',
      `/corps/${encodeURIComponent(corpId)}/tokens`,
      { userid, ttl },
    );
  close = async () => {};
}
