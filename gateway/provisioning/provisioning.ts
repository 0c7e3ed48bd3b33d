// Vendor provisioning: models, batches with seed secrets, SN registration (one or a CSV file), and
// the provisioning bundle a device is flashed with.
import { parse as parseCsv } from 'csv-parse/sync';
import type { ProvisioningBundle } from '../../protocol/bundle.js';
import { CAPABILITIES, type Capability, isCapability } from '../../protocol/capabilities.js';
import type { Clock } from '../../protocol/clock.js';
import { HwbindError } from '../../protocol/errors.js';
import { loadPublicKey, publicKeyHex } from '../../protocol/firmware.js';
import { deriveDeviceSecret, randomSecret } from '../../protocol/secrets.js';
import { isValidSn } from '../../protocol/sn.js';
import type { Batch, Device, Model, Store } from '../store/types.js';

export const MODEL_ID_PATTERN = /^[A-Za-z0-9._-]{1,32}$/;

export interface ImportError {
  line: number;
  sn: string;
  message: string;
}

export interface ImportResult {
  imported: number;
  skipped: number;
  errors: ImportError[];
}

export function parseCapabilities(text: string | string[]): Capability[] {
  const names = (Array.isArray(text) ? text : text.split(',')).map((s) => s.trim()).filter(Boolean);
  const bad = names.filter((n) => !isCapability(n));
  if (bad.length) {
    throw new HwbindError(
      'invalid_argument',
      `unknown capabilities ${bad.join(', ')} (known: ${CAPABILITIES.join(', ')})`,
    );
  }
  return [...new Set(names)] as Capability[];
}

export class Provisioning {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async addModel(input: {
    id: string;
    name: string;
    vendor?: string;
    capabilities: string[] | string;
    vendorKey?: string | null;
  }): Promise<Model> {
    if (!MODEL_ID_PATTERN.test(input.id ?? ''))
      throw new HwbindError('invalid_argument', 'model id must be 1-32 characters of [A-Za-z0-9._-]');
    if (!input.name?.trim()) throw new HwbindError('invalid_argument', 'model name is required');
    const model: Model = {
      id: input.id,
      name: input.name.trim(),
      vendor: input.vendor?.trim() || 'default',
      capabilities: parseCapabilities(input.capabilities),
      vendorKey: input.vendorKey ? publicKeyHex(loadPublicKey(input.vendorKey)) : null,
      createdAt: this.clock.now(),
    };
    await this.store.addModel(model);
    return model;
  }

  async requireModel(id: string): Promise<Model> {
    const model = await this.store.getModel(id);
    if (!model) throw new HwbindError('not_found', `no model ${id}`);
    return model;
  }

  async createBatch(input: { id: string; modelId: string; seed?: string }): Promise<Batch> {
    if (!MODEL_ID_PATTERN.test(input.id ?? ''))
      throw new HwbindError('invalid_argument', 'batch id must be 1-32 characters of [A-Za-z0-9._-]');
    await this.requireModel(input.modelId);
    if (input.seed !== undefined && input.seed.length < 16) {
      throw new HwbindError(
        'invalid_argument',
        'a batch seed must be at least 16 characters (omit it for a random one)',
      );
    }
    const batch: Batch = {
      id: input.id,
      modelId: input.modelId,
      seed: input.seed ?? randomSecret(32),
      createdAt: this.clock.now(),
    };
    await this.store.addBatch(batch);
    return batch;
  }

  /** Registers one device. Its secret: given, derived from the batch seed, or random. */
  async addDevice(input: { sn: string; modelId?: string; secret?: string; batchId?: string }): Promise<Device> {
    const [device] = await this.prepare(
      [{ sn: input.sn, secret: input.secret, modelId: input.modelId }],
      input.batchId,
    );
    await this.store.addDevices([device!]);
    return device!;
  }

  /**
   * Imports SNs from CSV text with a header row: `sn` (required), `secret` and `model` (optional).
   * Every row is validated first; nothing is imported unless every row is valid, or skipInvalid.
   */
  async importCsv(
    text: string,
    opts: { modelId?: string; batchId?: string; skipInvalid?: boolean },
  ): Promise<ImportResult> {
    let rows: Record<string, string>[];
    try {
      rows = parseCsv(text, {
        columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
        skip_empty_lines: true,
        trim: true,
        bom: true,
      });
    } catch (err) {
      throw new HwbindError('invalid_argument', `CSV: ${(err as Error).message}`);
    }
    if (rows.length === 0)
      throw new HwbindError('invalid_argument', 'CSV has no rows (the first line is the header: sn[,secret][,model])');
    if (!('sn' in rows[0]!)) throw new HwbindError('invalid_argument', 'CSV header must name an "sn" column');
    const batch = opts.batchId ? await this.store.getBatch(opts.batchId) : null;
    if (opts.batchId && !batch) throw new HwbindError('not_found', `no batch ${opts.batchId}`);
    const errors: ImportError[] = [];
    const valid: Device[] = [];
    const seen = new Map<string, number>();
    const models = new Map<string, Model | null>();
    for (const [i, row] of rows.entries()) {
      const line = i + 2; // 1-based, after the header
      const sn = row.sn ?? '';
      const fail = (message: string) => errors.push({ line, sn, message });
      if (!isValidSn(sn)) {
        fail('SN must be 1-128 characters of [0-9A-Za-z]');
        continue;
      }
      const canonical = sn.toUpperCase();
      if (seen.has(canonical)) {
        fail(`duplicate of line ${seen.get(canonical)} (SNs are case-insensitive)`);
        continue;
      }
      seen.set(canonical, line);
      const modelId = row.model || batch?.modelId || opts.modelId;
      if (!modelId) {
        fail('no model: give a model column, --model or --batch');
        continue;
      }
      if (!models.has(modelId)) models.set(modelId, await this.store.getModel(modelId));
      if (!models.get(modelId)) {
        fail(`no model ${modelId}`);
        continue;
      }
      if (await this.store.getDevice(canonical)) {
        fail('already registered');
        continue;
      }
      const secret = row.secret || (batch ? deriveDeviceSecret(batch.seed, canonical) : randomSecret());
      if (secret.length < 8 || secret.length > 128) {
        fail('a device secret must be 8-128 characters');
        continue;
      }
      if (batch && row.model && row.model !== batch.modelId) {
        fail(`batch ${batch.id} is for model ${batch.modelId}, not ${row.model}`);
        continue;
      }
      valid.push(this.device(canonical, modelId, secret, batch?.id ?? null));
    }
    if (errors.length && !opts.skipInvalid) {
      throw new HwbindError('invalid_argument', `${errors.length} invalid row(s); nothing imported`, { errors });
    }
    await this.store.addDevices(valid);
    return { imported: valid.length, skipped: errors.length, errors };
  }

  async bundle(sn: string, endpoints: { mqttUrl: string; publicUrl: string }): Promise<ProvisioningBundle> {
    const device = isValidSn(sn) ? await this.store.getDevice(sn.toUpperCase()) : null;
    if (!device) throw new HwbindError('device_not_found', `no device ${sn}`);
    const model = await this.requireModel(device.modelId);
    return { sn: device.sn, secret: device.secret, model: model.id, capabilities: model.capabilities, ...endpoints };
  }

  private async prepare(
    rows: { sn: string; secret?: string; modelId?: string }[],
    batchId?: string,
  ): Promise<Device[]> {
    const batch = batchId ? await this.store.getBatch(batchId) : null;
    if (batchId && !batch) throw new HwbindError('not_found', `no batch ${batchId}`);
    const out: Device[] = [];
    for (const row of rows) {
      if (!isValidSn(row.sn ?? ''))
        throw new HwbindError(
          'invalid_sn',
          `invalid SN ${JSON.stringify(row.sn)}: must be 1-128 characters of [0-9A-Za-z]`,
        );
      const sn = row.sn.toUpperCase();
      const modelId = row.modelId ?? batch?.modelId;
      if (!modelId) throw new HwbindError('invalid_argument', 'a model is required (--model or --batch)');
      if (batch && row.modelId && row.modelId !== batch.modelId) {
        throw new HwbindError(
          'invalid_argument',
          `batch ${batch.id} is for model ${batch.modelId}, not ${row.modelId}`,
        );
      }
      await this.requireModel(modelId);
      const secret = row.secret ?? (batch ? deriveDeviceSecret(batch.seed, sn) : randomSecret());
      if (secret.length < 8 || secret.length > 128)
        throw new HwbindError('invalid_argument', 'a device secret must be 8-128 characters');
      out.push(this.device(sn, modelId, secret, batch?.id ?? null));
    }
    return out;
  }

  private device(sn: string, modelId: string, secret: string, batchId: string | null): Device {
    return {
      sn,
      secret,
      modelId,
      batchId,
      remark: null,
      disabled: false,
      firmwareVersion: null,
      slots: [],
      capabilities: [],
      online: false,
      lastSeen: null,
      createdAt: this.clock.now(),
    };
  }
}
