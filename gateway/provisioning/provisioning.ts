// Vendor provisioning: models, batches with seed secrets, SN registration (one or a CSV file), and
// the provisioning bundle a device is flashed with.
import { parse as csvParser } from 'csv-parse';
import type { ProvisioningBundle } from '../../protocol/bundle.js';
import { CAPABILITIES, type Capability, isCapability } from '../../protocol/capabilities.js';
import type { Clock } from '../../protocol/clock.js';
import { type ErrorCode, HwbindError } from '../../protocol/errors.js';
import { loadPublicKey, publicKeyHex } from '../../protocol/firmware.js';
import { deriveDeviceSecret, randomSecret } from '../../protocol/secrets.js';
import { isValidSn, normalizeSn } from '../../protocol/sn.js';
import type { Batch, Device, Model, Store } from '../store/types.js';

const YIELD_EVERY_ROWS = 1000;
const CSV_CHUNK_CHARS = 64 * 1024;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Parses CSV with a header row in slices, yielding between them (a 300,000-row file takes seconds). */
async function parseCsvYielding(text: string): Promise<Record<string, string>[]> {
  const rows: Record<string, string>[] = [];
  const parser = csvParser({
    columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
    skip_empty_lines: true,
    trim: true,
    bom: true,
  });
  let failure: Error | null = null;
  parser.on('readable', () => {
    for (let r = parser.read(); r !== null; r = parser.read()) rows.push(r as Record<string, string>);
  });
  parser.on('error', (err) => {
    failure ??= err;
  });
  const done = new Promise<void>((resolve) => parser.on('end', resolve).on('error', () => resolve()));
  for (let at = 0; at < text.length && !failure; at += CSV_CHUNK_CHARS) {
    parser.write(text.slice(at, at + CSV_CHUNK_CHARS));
    await yieldToEventLoop();
  }
  parser.end();
  await done;
  if (failure) throw new HwbindError('invalid_argument', `CSV: ${(failure as Error).message}`);
  return rows;
}

/** Ids start with a letter or digit: `.` and `..` (and hidden names) are never ids. */
export const MODEL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

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
      throw new HwbindError(
        'invalid_argument',
        'batch id must be 1-32 characters of [A-Za-z0-9._-], starting with a letter or digit',
      );
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
    const batch = await this.batchOrNull(input.batchId);
    const checked = await this.checkRow({ sn: input.sn, secret: input.secret, modelId: input.modelId }, batch);
    if ('problem' in checked)
      throw new HwbindError(
        checked.code,
        checked.code === 'invalid_sn' ? `invalid SN ${JSON.stringify(input.sn)}: ${checked.problem}` : checked.problem,
      );
    await this.store.addDevices([checked.device]);
    return checked.device;
  }

  /**
   * Imports SNs from CSV text with a header row: `sn` (required), `secret` and `model` (optional).
   * Every row is validated first; nothing is imported unless every row is valid, or skipInvalid.
   */
  async importCsv(
    text: string,
    opts: { modelId?: string; batchId?: string; skipInvalid?: boolean },
  ): Promise<ImportResult> {
    const rows = await parseCsvYielding(text);
    if (rows.length === 0)
      throw new HwbindError('invalid_argument', 'CSV has no rows (the first line is the header: sn[,secret][,model])');
    if (!('sn' in rows[0]!)) throw new HwbindError('invalid_argument', 'CSV header must name an "sn" column');
    const batch = await this.batchOrNull(opts.batchId);
    const errors: ImportError[] = [];
    const valid: Device[] = [];
    const seen = new Map<string, number>();
    const models = new Map<string, Model | null>();
    for (const [i, row] of rows.entries()) {
      // A large import must not stall devices and other requests: let the event loop breathe.
      if (i % YIELD_EVERY_ROWS === YIELD_EVERY_ROWS - 1) await yieldToEventLoop();
      const line = i + 2; // 1-based, after the header
      const sn = row.sn ?? '';
      const checked = await this.checkRow(
        { sn, secret: row.secret || undefined, modelId: row.model || opts.modelId },
        batch,
        models,
      );
      if ('problem' in checked) {
        errors.push({ line, sn, message: checked.problem });
        continue;
      }
      const canonical = checked.device.sn;
      if (seen.has(canonical)) {
        errors.push({ line, sn, message: `duplicate of line ${seen.get(canonical)} (SNs are case-insensitive)` });
        continue;
      }
      seen.set(canonical, line);
      if (await this.store.getDevice(canonical)) {
        errors.push({ line, sn, message: 'already registered' });
        continue;
      }
      valid.push(checked.device);
    }
    if (errors.length && !opts.skipInvalid) {
      throw new HwbindError('invalid_argument', `${errors.length} invalid row(s); nothing imported`, { errors });
    }
    await this.store.addDevices(valid);
    return { imported: valid.length, skipped: errors.length, errors };
  }

  async bundle(sn: string, endpoints: { mqttUrl: string; publicUrl: string }): Promise<ProvisioningBundle> {
    const device = isValidSn(sn) ? await this.store.getDevice(normalizeSn(sn)) : null;
    if (!device) throw new HwbindError('device_not_found', `no device ${sn}`);
    const model = await this.requireModel(device.modelId);
    return { sn: device.sn, secret: device.secret, model: model.id, capabilities: model.capabilities, ...endpoints };
  }

  private async batchOrNull(batchId: string | undefined): Promise<Batch | null> {
    if (!batchId) return null;
    const batch = await this.store.getBatch(batchId);
    if (!batch) throw new HwbindError('not_found', `no batch ${batchId}`);
    return batch;
  }

  /**
   * The one validation of an SN row, for single adds and CSV imports alike: the device to register
   * (SN canonical, secret given, derived from the batch seed, or random), or what is wrong with it.
   */
  private async checkRow(
    row: { sn: string; secret?: string; modelId?: string },
    batch: Batch | null,
    models = new Map<string, Model | null>(),
  ): Promise<{ device: Device } | { code: ErrorCode; problem: string }> {
    if (!isValidSn(row.sn ?? ''))
      return {
        code: 'invalid_sn',
        problem: 'SN must be 1-128 characters of [0-9A-Za-z]',
      };
    const sn = normalizeSn(row.sn);
    const modelId = row.modelId ?? batch?.modelId;
    if (!modelId) return { code: 'invalid_argument', problem: 'no model: give a model column, --model or --batch' };
    if (batch && modelId !== batch.modelId)
      return { code: 'invalid_argument', problem: `batch ${batch.id} is for model ${batch.modelId}, not ${modelId}` };
    if (!models.has(modelId)) models.set(modelId, await this.store.getModel(modelId));
    if (!models.get(modelId)) return { code: 'not_found', problem: `no model ${modelId}` };
    const secret = row.secret ?? (batch ? deriveDeviceSecret(batch.seed, sn) : randomSecret());
    if (secret.length < 8 || secret.length > 128)
      return { code: 'invalid_argument', problem: 'a device secret must be 8-128 characters' };
    return { device: newDevice({ sn, secret, modelId, batchId: batch?.id ?? null, createdAt: this.clock.now() }) };
  }
}

/** A device as registered: never connected, no firmware reported, no remark. */
export function newDevice(d: Pick<Device, 'sn' | 'secret' | 'modelId' | 'batchId' | 'createdAt'>): Device {
  return {
    ...d,
    remark: null,
    disabled: false,
    firmwareVersion: null,
    slots: [],
    capabilities: [],
    online: false,
    lastSeen: null,
  };
}
