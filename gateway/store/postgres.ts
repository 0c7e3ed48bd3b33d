// The PostgreSQL store, for gateway nodes that share one database: the same Store as the embedded
// SQLite one (gateway/store/sqlite.ts), method for method, on a pg.Pool. What SQLite writes in one
// transaction is one transaction here; many rows go in one statement (unnest of arrays), so a batch
// costs one round trip; idempotent inserts are ON CONFLICT. Device nonces stay in their journal file
// under the data directory (nonce-journal.ts) until the nodes share a replay cache.
import pg from 'pg';
import { HwbindError } from '../../protocol/errors.js';
import { directionToWire, methodToWire } from '../../protocol/records.js';
import { redactUrl } from '../config.js';
import { NonceJournal } from './nonce-journal.js';
import { PG_MIGRATIONS } from './pg-migrations.js';
import {
  LIVE_JOB,
  type Row,
  RUNNING,
  toBinding,
  toCorp,
  toDelivery,
  toDevice,
  toEnrollment,
  toHeld,
  toJob,
  toMember,
  toModel,
  toNotification,
  toOutbox,
  toRecord,
  toRelease,
  toRollout,
  toRolloutDevice,
  toTemplate,
} from './rows.js';
import type {
  Activation,
  AttendanceRecord,
  Batch,
  Binding,
  BiometricTemplate,
  Corp,
  CorpFirmwareRetirement,
  Device,
  DeviceDirectory,
  DeviceReport,
  Directory,
  DirectoryEntry,
  Enrollment,
  FirmwareImages,
  FirmwareJob,
  FirmwareJobProgress,
  FirmwareRelease,
  HeldTemplate,
  Member,
  Model,
  NonceClaim,
  Notification,
  OutboxEntry,
  PresenceUpdate,
  RecordQuery,
  RecordStatus,
  Rollout,
  RolloutDevice,
  Store,
  WebhookDelivery,
  WebhookSettings,
} from './types.js';

type Queryable = pg.Pool | pg.PoolClient;

/** Devices added per statement by addDevices. */
const DEVICE_SLICE = 2000;
/** Any number: the key of the advisory lock that lets one node at a time migrate. */
const MIGRATION_LOCK = 0x6877_6264;
/** Deadlock and serialization failure: the whole transaction may simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);

const INT8 = 20;
/**
 * Times are BIGINT ms and counts are BIGINT, which pg answers as strings (a JS number cannot hold
 * every BIGINT); ours stay far below 2^53, so they are numbers here as in the SQLite store.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

const nullable = <T>(v: unknown): T | null => (v === null || v === undefined ? null : (v as T));
const jsonText = (v: unknown): string => JSON.stringify(v);

/** The last of each key, in the order of its first appearance: what applying them one by one leaves. */
function lastPerKey<T>(items: T[], key: (item: T) => string): T[] {
  const last = new Map<string, T>();
  for (const item of items) last.set(key(item), item);
  return [...last.values()];
}

const pgCode = (err: unknown): string => String((err as { code?: string }).code ?? '');

/** A unique violation: names the key that clashed, from the server's detail line. */
function uniqueKey(err: unknown): string | null {
  if (pgCode(err) !== '23505') return null;
  return /=\((.*)\) already exists/.exec(String((err as { detail?: string }).detail ?? ''))?.[1] ?? '';
}

function uniqueConflict(err: unknown, message: string, details?: Record<string, unknown>): unknown {
  if (pgCode(err) === '23505') return new HwbindError('conflict', message, details);
  if (pgCode(err) === '23503') return new HwbindError('not_found', 'a referenced model or batch does not exist');
  return err;
}

export class PostgresStore implements Store {
  readonly pool: pg.Pool;
  readonly writeConcurrency = 4;
  private readonly nonces: NonceJournal;
  /** Nodes on one database share no directory: each fetches an image it lacks from here. */
  readonly firmwareImages: FirmwareImages = {
    add: async (sha256, image) => {
      await this.pool.query('INSERT INTO firmware_images (sha256, image) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        sha256,
        Buffer.from(image),
      ]);
    },
    get: async (sha256) => {
      const r = await this.one('SELECT image FROM firmware_images WHERE sha256 = $1', [sha256]);
      return r ? new Uint8Array(r.image as Buffer) : null;
    },
  };

  /**
   * `url`: postgres://user:password@host:port/database. `nonceJournal`: the file of device nonces
   * (null: kept in memory, for a throwaway store).
   */
  constructor(
    readonly url: string,
    nonceJournal: string | null,
    opts: { max?: number } = {},
  ) {
    this.pool = new pg.Pool({ connectionString: url, types, max: opts.max ?? 10, application_name: 'hwbind' });
    // An idle connection the server dropped: the pool replaces it; the next query reports any lasting trouble.
    this.pool.on('error', () => {});
    this.nonces = new NonceJournal(nonceJournal);
  }

  private async q(sql: string, args: unknown[] = [], on: Queryable = this.pool): Promise<Row[]> {
    return (await on.query(sql, args)).rows as Row[];
  }

  private async one(sql: string, args: unknown[] = [], on: Queryable = this.pool): Promise<Row | undefined> {
    return (await this.q(sql, args, on))[0];
  }

  private async changes(sql: string, args: unknown[] = [], on: Queryable = this.pool): Promise<number> {
    return (await on.query(sql, args)).rowCount ?? 0;
  }

  /** Runs `fn` in one transaction on one connection; run again when the server chose it as a deadlock's victim. */
  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const c = await this.pool.connect();
      try {
        await c.query('BEGIN');
        const value = await fn(c);
        await c.query('COMMIT');
        return value;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => {});
        if (!RETRYABLE.has(pgCode(err)) || attempt >= 5) throw err;
      } finally {
        c.release();
      }
    }
  }

  async migrate(): Promise<void> {
    let c: pg.PoolClient;
    try {
      c = await this.pool.connect();
    } catch (err) {
      throw pgUnavailable(err, this.url);
    }
    try {
      // Nodes starting together: one migrates, the others wait and find the schema current.
      await c.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await c.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
      const current = Number((await this.one('SELECT max(version) AS v FROM schema_version', [], c))?.v ?? 0);
      if (current > PG_MIGRATIONS.length) {
        throw new HwbindError(
          'conflict',
          `PostgreSQL store schema v${current} is newer than this hwbind (v${PG_MIGRATIONS.length})`,
        );
      }
      for (let v = current; v < PG_MIGRATIONS.length; v++) {
        await c.query('BEGIN');
        try {
          await c.query(PG_MIGRATIONS[v]!);
          await c.query('INSERT INTO schema_version (version) VALUES ($1)', [v + 1]);
          await c.query('COMMIT');
        } catch (err) {
          await c.query('ROLLBACK').catch(() => {});
          throw err;
        }
      }
    } finally {
      await c.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
      c.release();
    }
  }

  async close(): Promise<void> {
    await this.nonces.close();
    await this.pool.end().catch(() => {});
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async getMeta(key: string): Promise<string | null> {
    const r = await this.one('SELECT value FROM meta WHERE key = $1', [key]);
    return r ? String(r.value) : null;
  }

  async setMetaOnce(key: string, value: string): Promise<string> {
    await this.pool.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value]);
    return (await this.getMeta(key))!;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.pool.query(
      'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [key, value],
    );
  }

  async addModel(m: Model): Promise<void> {
    try {
      await this.pool.query(
        'INSERT INTO models (id, name, vendor, capabilities, vendor_key, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [m.id, m.name, m.vendor, jsonText(m.capabilities), m.vendorKey, m.createdAt],
      );
    } catch (err) {
      throw uniqueConflict(err, `model ${m.id} already exists`);
    }
  }

  async getModel(id: string): Promise<Model | null> {
    const r = await this.one('SELECT * FROM models WHERE id = $1', [id]);
    return r ? toModel(r) : null;
  }

  async listModels(): Promise<Model[]> {
    return (await this.q('SELECT * FROM models ORDER BY id')).map(toModel);
  }

  async addBatch(b: Batch): Promise<void> {
    try {
      await this.pool.query('INSERT INTO batches (id, model_id, seed, created_at) VALUES ($1, $2, $3, $4)', [
        b.id,
        b.modelId,
        b.seed,
        b.createdAt,
      ]);
    } catch (err) {
      throw uniqueConflict(err, `batch ${b.id} already exists`);
    }
  }

  async getBatch(id: string): Promise<Batch | null> {
    const r = await this.one('SELECT * FROM batches WHERE id = $1', [id]);
    return r
      ? { id: String(r.id), modelId: String(r.model_id), seed: String(r.seed), createdAt: Number(r.created_at) }
      : null;
  }

  async addDevices(devices: Device[]): Promise<void> {
    try {
      // One transaction (all or none), a statement per slice: the server never waits on one huge statement.
      await this.tx(async (c) => {
        for (let i = 0; i < devices.length; i += DEVICE_SLICE) {
          const slice = devices.slice(i, i + DEVICE_SLICE);
          await c.query(
            `INSERT INTO devices (sn, secret, model_id, batch_id, remark, disabled, firmware_version, slots, capabilities, created_at)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bool[], $7::text[],
               $8::json[], $9::json[], $10::bigint[])`,
            [
              slice.map((d) => d.sn),
              slice.map((d) => d.secret),
              slice.map((d) => d.modelId),
              slice.map((d) => d.batchId),
              slice.map((d) => d.remark),
              slice.map((d) => d.disabled),
              slice.map((d) => d.firmwareVersion),
              slice.map((d) => jsonText(d.slots)),
              slice.map((d) => jsonText(d.capabilities)),
              slice.map((d) => d.createdAt),
            ],
          );
        }
      });
    } catch (err) {
      const key = uniqueKey(err);
      if (key === null) throw uniqueConflict(err, 'a device is already registered');
      const upper = key.toUpperCase();
      const sn = devices.find((d) => d.sn.toUpperCase() === upper)?.sn ?? key;
      throw new HwbindError('conflict', `device ${sn} is already registered`, { sn });
    }
  }

  async getDevice(sn: string): Promise<Device | null> {
    const r = await this.one('SELECT * FROM devices WHERE sn = $1', [sn]);
    return r ? toDevice(r) : null;
  }

  async listDevices(
    opts: { modelId?: string; online?: boolean; limit?: number; offset?: number } = {},
  ): Promise<Device[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (opts.modelId !== undefined) {
      args.push(opts.modelId);
      where.push(`model_id = $${args.length}`);
    }
    if (opts.online !== undefined) {
      args.push(opts.online);
      where.push(`online = $${args.length}`);
    }
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')} ` : '';
    args.push(opts.limit ?? 1000, opts.offset ?? 0);
    const rows = await this.q(
      `SELECT * FROM devices ${filter}ORDER BY sn LIMIT $${args.length - 1} OFFSET $${args.length}`,
      args,
    );
    return rows.map(toDevice);
  }

  async setDeviceDisabled(sn: string, disabled: boolean): Promise<void> {
    if ((await this.changes('UPDATE devices SET disabled = $1 WHERE sn = $2', [disabled, sn])) === 0)
      throw new HwbindError('device_not_found', `no device ${sn}`);
  }

  async recordDeviceReports(reports: { sn: string; report: DeviceReport }[]): Promise<void> {
    const last = lastPerKey(reports, (r) => r.sn).sort((a, b) => (a.sn < b.sn ? -1 : 1));
    if (last.length === 0) return;
    // Rows locked in SN order: two nodes writing overlapping batches cannot deadlock.
    await this.tx((c) =>
      c.query(
        `UPDATE devices d SET firmware_version = u.fw, slots = u.slots, capabilities = u.caps
         FROM (SELECT * FROM unnest($1::text[], $2::text[], $3::json[], $4::json[]) AS t(sn, fw, slots, caps) ORDER BY sn) u
         WHERE d.sn = u.sn`,
        [
          last.map((r) => r.sn),
          last.map((r) => r.report.firmwareVersion),
          last.map((r) => jsonText(r.report.slots)),
          last.map((r) => jsonText(r.report.capabilities)),
        ],
      ),
    );
  }

  async recordPresence(updates: PresenceUpdate[]): Promise<void> {
    const last = lastPerKey(updates, (u) => u.sn).sort((a, b) => (a.sn < b.sn ? -1 : 1));
    if (last.length === 0) return;
    await this.tx((c) =>
      c.query(
        `UPDATE devices d SET online = u.online, last_seen = u.last_seen
         FROM (SELECT * FROM unnest($1::text[], $2::bool[], $3::bigint[]) AS t(sn, online, last_seen) ORDER BY sn) u
         WHERE d.sn = u.sn AND (d.last_seen IS NULL OR d.last_seen <= u.last_seen)`,
        [last.map((u) => u.sn), last.map((u) => u.online), last.map((u) => u.lastSeen)],
      ),
    );
  }

  async resetPresence(): Promise<void> {
    await this.pool.query('UPDATE devices SET online = false WHERE online');
  }

  async createCorp(co: Corp): Promise<void> {
    try {
      await this.pool.query('INSERT INTO corps (id, name, member_binding, created_at) VALUES ($1, $2, $3, $4)', [
        co.id,
        co.name,
        co.memberBinding,
        co.createdAt,
      ]);
    } catch (err) {
      throw uniqueConflict(err, `enterprise ${co.id} already exists`);
    }
  }

  async getCorp(id: string): Promise<Corp | null> {
    const r = await this.one('SELECT * FROM corps WHERE id = $1', [id]);
    return r ? toCorp(r) : null;
  }

  async listCorps(): Promise<Corp[]> {
    return (await this.q('SELECT * FROM corps ORDER BY id')).map(toCorp);
  }

  async setMemberBinding(corpId: string, on: boolean): Promise<void> {
    if ((await this.changes('UPDATE corps SET member_binding = $1 WHERE id = $2', [on, corpId])) === 0)
      throw new HwbindError('not_found', `no enterprise ${corpId}`);
  }

  async replaceDirectory(corpId: string, dir: Directory): Promise<void> {
    await this.tx(async (c) => {
      for (const t of ['departments', 'members', 'apps'])
        await c.query(`DELETE FROM ${t} WHERE corp_id = $1`, [corpId]);
      await c.query(
        `INSERT INTO departments (corp_id, id, name, parent_id)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])`,
        [
          corpId,
          dir.departments.map((d) => d.id),
          dir.departments.map((d) => d.name),
          dir.departments.map((d) => d.parentId),
        ],
      );
      await c.query(
        `INSERT INTO members (corp_id, userid, name, role, can_bind, departments, visibility)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::bool[], $6::json[], $7::json[])`,
        [
          corpId,
          dir.members.map((m) => m.userid),
          dir.members.map((m) => m.name),
          dir.members.map((m) => m.role),
          dir.members.map((m) => m.canBindDevices),
          dir.members.map((m) => jsonText(m.departments)),
          dir.members.map((m) => jsonText(m.visibility)),
        ],
      );
      await c.query(
        `INSERT INTO apps (corp_id, id, name, admins) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::json[])`,
        [corpId, dir.apps.map((a) => a.id), dir.apps.map((a) => a.name), dir.apps.map((a) => jsonText(a.admins))],
      );
    });
  }

  async getDirectory(corpId: string): Promise<Directory> {
    const [departments, members, apps] = await Promise.all([
      this.q('SELECT * FROM departments WHERE corp_id = $1 ORDER BY id', [corpId]),
      this.q('SELECT * FROM members WHERE corp_id = $1 ORDER BY userid', [corpId]),
      this.q('SELECT * FROM apps WHERE corp_id = $1 ORDER BY id', [corpId]),
    ]);
    return {
      departments: departments.map((r) => ({
        id: String(r.id),
        name: String(r.name),
        parentId: nullable<string>(r.parent_id),
      })),
      members: members.map(toMember),
      apps: apps.map((r) => ({ id: String(r.id), name: String(r.name), admins: r.admins as string[] })),
    };
  }

  async getMember(corpId: string, userid: string): Promise<Member | null> {
    const r = await this.one('SELECT * FROM members WHERE corp_id = $1 AND userid = $2', [corpId, userid]);
    return r ? toMember(r) : null;
  }

  async getWebhook(corpId: string): Promise<WebhookSettings | null> {
    const r = await this.one('SELECT webhook FROM corps WHERE id = $1', [corpId]);
    return r?.webhook ? (r.webhook as WebhookSettings) : null;
  }

  async setWebhook(corpId: string, webhook: WebhookSettings | null): Promise<void> {
    const n = await this.changes('UPDATE corps SET webhook = $1 WHERE id = $2', [
      webhook ? jsonText(webhook) : null,
      corpId,
    ]);
    if (n === 0) throw new HwbindError('not_found', `no enterprise ${corpId}`);
  }

  async setDeviceRemark(sn: string, remark: string | null): Promise<void> {
    if ((await this.changes('UPDATE devices SET remark = $1 WHERE sn = $2', [remark, sn])) === 0)
      throw new HwbindError('device_not_found', `no device ${sn}`);
  }

  // --- bindings ---------------------------------------------------------------------------------

  private async insertOutbox(entries: OutboxEntry[], c: Queryable): Promise<void> {
    if (entries.length === 0) return;
    await c.query(
      `INSERT INTO outbox (id, sn, topic, purpose, payload, created_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bytea[], $6::bigint[])`,
      [
        entries.map((e) => e.id),
        entries.map((e) => e.sn),
        entries.map((e) => e.topic),
        entries.map((e) => e.purpose),
        entries.map((e) => Buffer.from(e.payload)),
        entries.map((e) => e.createdAt),
      ],
    );
  }

  async createBinding(b: Binding, notice: OutboxEntry): Promise<void> {
    try {
      await this.tx(async (c) => {
        await c.query(
          `INSERT INTO bindings (id, sn, corp_id, status, bound_by, bound_by_role, usable_range, apps, notice_id, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            b.id,
            b.sn,
            b.corpId,
            b.status,
            b.boundBy,
            b.boundByRole,
            jsonText(b.usableRange),
            jsonText(b.apps),
            b.noticeId,
            b.createdAt,
          ],
        );
        await this.insertOutbox([notice], c);
      });
    } catch (err) {
      if (pgCode(err) === '23505') throw new HwbindError('device_already_bound', `device ${b.sn} is already bound`);
      throw err;
    }
  }

  async getLiveBinding(sn: string): Promise<Binding | null> {
    const r = await this.one("SELECT * FROM bindings WHERE sn = $1 AND status != 'removed'", [sn]);
    return r ? toBinding(r) : null;
  }

  async listLiveBindings(corpId: string, opts: { boundBy?: string } = {}): Promise<Binding[]> {
    const rows = opts.boundBy
      ? await this.q(
          "SELECT * FROM bindings WHERE corp_id = $1 AND status != 'removed' AND bound_by = $2 ORDER BY sn",
          [corpId, opts.boundBy],
        )
      : await this.q("SELECT * FROM bindings WHERE corp_id = $1 AND status != 'removed' ORDER BY sn", [corpId]);
    return rows.map(toBinding);
  }

  async activateBinding(a: Activation): Promise<boolean> {
    return this.tx(async (c) => {
      const b = await this.one(
        "UPDATE bindings SET status = 'active', activated_at = $1 WHERE id = $2 AND status = 'pending' RETURNING notice_id",
        [a.at, a.bindingId],
        c,
      );
      if (!b) return false;
      await c.query('DELETE FROM outbox WHERE id = $1', [b.notice_id]);
      const n = a.notifications;
      if (n.length > 0)
        await c.query(
          `INSERT INTO notifications (id, corp_id, userid, kind, sn, text, link, created_at, read)
           SELECT *, false FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[])`,
          [
            n.map((x) => x.id),
            n.map((x) => x.corpId),
            n.map((x) => x.userid),
            n.map((x) => x.kind),
            n.map((x) => x.sn),
            n.map((x) => x.text),
            n.map((x) => x.link),
            n.map((x) => x.createdAt),
          ],
        );
      const d = a.deliveries;
      if (d.length > 0)
        await c.query(
          `INSERT INTO webhook_deliveries (id, corp_id, url, body, next_attempt_at, created_at)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[])`,
          [
            d.map((x) => x.id),
            d.map((x) => x.corpId),
            d.map((x) => x.url),
            d.map((x) => x.body),
            d.map((x) => x.nextAttemptAt),
            d.map((x) => x.createdAt),
          ],
        );
      return true;
    });
  }

  async removeBinding(bindingId: string, by: string, at: number, unbindNotice: OutboxEntry): Promise<boolean> {
    return this.tx(async (c) => {
      const b = await this.one(
        `UPDATE bindings SET status = 'removed', removed_at = $1, removed_by = $2
         WHERE id = $3 AND status != 'removed' RETURNING notice_id`,
        [at, by, bindingId],
        c,
      );
      if (!b) return false;
      await c.query('DELETE FROM outbox WHERE id = $1', [b.notice_id]);
      await this.insertOutbox([unbindNotice], c);
      return true;
    });
  }

  async setBindingApps(bindingId: string, apps: string[]): Promise<void> {
    await this.pool.query('UPDATE bindings SET apps = $1 WHERE id = $2', [jsonText(apps), bindingId]);
  }

  // --- outbox -----------------------------------------------------------------------------------

  async listOutbox(sn: string): Promise<OutboxEntry[]> {
    return (await this.q('SELECT * FROM outbox WHERE sn = $1 ORDER BY seq', [sn])).map(toOutbox);
  }

  async getOutboxEntry(id: string): Promise<OutboxEntry | null> {
    const r = await this.one('SELECT * FROM outbox WHERE id = $1', [id]);
    return r ? toOutbox(r) : null;
  }

  async addOutboxEntry(entry: OutboxEntry): Promise<void> {
    await this.insertOutbox([entry], this.pool);
  }

  async deleteOutboxEntry(id: string): Promise<boolean> {
    return (await this.changes('DELETE FROM outbox WHERE id = $1', [id])) > 0;
  }

  // --- device directories -----------------------------------------------------------------------

  async getDeviceDirectory(sn: string): Promise<DeviceDirectory | null> {
    const r = await this.one('SELECT * FROM device_directories WHERE sn = $1', [sn]);
    if (!r) return null;
    return {
      sn: String(r.sn),
      bindingId: nullable<string>(r.binding_id),
      corpId: nullable<string>(r.corp_id),
      version: Number(r.version),
      users: r.users as DirectoryEntry[],
    };
  }

  async saveDeviceDirectory(dir: DeviceDirectory, push: { entry?: OutboxEntry; replaces?: string[] }): Promise<void> {
    await this.tx(async (c) => {
      await c.query(
        `INSERT INTO device_directories (sn, binding_id, corp_id, version, users) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (sn) DO UPDATE SET binding_id = excluded.binding_id, corp_id = excluded.corp_id,
           version = excluded.version, users = excluded.users`,
        [dir.sn, dir.bindingId, dir.corpId, dir.version, jsonText(dir.users)],
      );
      if (push.replaces?.length)
        await c.query('DELETE FROM outbox WHERE id = ANY($1::text[]) AND sn = $2', [push.replaces, dir.sn]);
      if (push.entry) await this.insertOutbox([push.entry], c);
    });
  }

  // --- records ----------------------------------------------------------------------------------

  async insertRecords(
    records: AttendanceRecord[],
  ): Promise<{ status: RecordStatus; reason: string | null; duplicate: boolean }[]> {
    if (records.length === 0) return [];
    // One statement, one round trip: the rows go in as arrays, those stored before are answered with
    // the status they have (the outer SELECT sees the table as it was before this INSERT; RETURNING
    // says which rows this INSERT stored).
    const rows = await this.q(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[],
           $7::smallint[], $8::smallint[], $9::text[], $10::text[], $11::text[], $12::bigint[])
           WITH ORDINALITY AS t(sn, seq, corp_id, binding_id, userid, ts, direction, method, card_no, status, reason,
             received_at, ord)
       ), ins AS (
         INSERT INTO records (sn, seq, corp_id, binding_id, userid, ts, direction, method, card_no, status, reason, received_at)
         SELECT sn, seq, corp_id, binding_id, userid, ts, direction, method, card_no, status, reason, received_at
         FROM input ON CONFLICT (sn, seq) DO NOTHING RETURNING sn, seq
       )
       SELECT i.ord, ins.sn IS NOT NULL AS inserted, r.status, r.reason
       FROM input i LEFT JOIN ins ON ins.sn = i.sn AND ins.seq = i.seq LEFT JOIN records r ON r.sn = i.sn AND r.seq = i.seq
       ORDER BY i.ord`,
      [
        records.map((r) => r.sn),
        records.map((r) => r.seq),
        records.map((r) => r.corpId),
        records.map((r) => r.bindingId),
        records.map((r) => r.userid),
        records.map((r) => r.ts),
        records.map((r) => directionToWire(r.direction)),
        records.map((r) => methodToWire(r.method)),
        records.map((r) => r.cardNo),
        records.map((r) => r.status),
        records.map((r) => r.reason),
        records.map((r) => r.receivedAt),
      ],
    );
    // The same (sn, seq) twice in one call: the first is stored, the second answers as its duplicate.
    // A row another node stored in the same instant is not in this statement's view: it answers with
    // the status this call would have given it.
    const first = new Map<string, { status: RecordStatus; reason: string | null }>();
    return records.map((rec, i) => {
      const row = rows[i]!;
      const key = `${rec.sn}\u0000${rec.seq}`;
      const seen = first.get(key);
      if (seen) return { ...seen, duplicate: true };
      if (row.inserted === true) {
        first.set(key, { status: rec.status, reason: rec.reason });
        return { status: rec.status, reason: rec.reason, duplicate: false };
      }
      if (row.status === null) return { status: rec.status, reason: rec.reason, duplicate: true };
      return { status: row.status as RecordStatus, reason: nullable<string>(row.reason), duplicate: true };
    });
  }

  async listRecords(qr: RecordQuery): Promise<AttendanceRecord[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (clause: (...at: string[]) => string, ...values: unknown[]) => {
      const at = values.map((v) => {
        args.push(v);
        return `$${args.length}`;
      });
      where.push(clause(...at));
    };
    add((p) => `corp_id = ${p}`, qr.corpId);
    if (qr.bindingId !== undefined) add((p) => `binding_id = ${p}`, qr.bindingId);
    if (qr.userid !== undefined) add((p) => `userid = ${p}`, qr.userid);
    if (qr.from !== undefined) add((p) => `ts >= ${p}`, qr.from);
    if (qr.to !== undefined) add((p) => `ts < ${p}`, qr.to);
    if (qr.status !== undefined) add((p) => `status = ${p}`, qr.status);
    const desc = qr.order === 'desc';
    if (qr.after)
      add(
        (ts, sn, seq) => `(ts, sn, seq) ${desc ? '<' : '>'} (${ts}::bigint, ${sn}::text, ${seq}::bigint)`,
        qr.after.ts,
        qr.after.sn,
        qr.after.seq,
      );
    const dir = desc ? 'DESC' : 'ASC';
    args.push(qr.limit);
    const sql = `SELECT * FROM records WHERE ${where.join(' AND ')} ORDER BY ts ${dir}, sn ${dir}, seq ${dir} LIMIT $${args.length}`;
    return (await this.q(sql, args)).map(toRecord);
  }

  // --- notifications and webhooks ---------------------------------------------------------------

  async listNotifications(
    corpId: string,
    userid: string,
    opts: { limit?: number; unreadOnly?: boolean } = {},
  ): Promise<Notification[]> {
    const sql = `SELECT * FROM notifications WHERE corp_id = $1 AND userid = $2${opts.unreadOnly ? ' AND NOT read' : ''}
      ORDER BY created_at DESC, id DESC LIMIT $3`;
    return (await this.q(sql, [corpId, userid, opts.limit ?? 100])).map(toNotification);
  }

  async countUnreadNotifications(corpId: string, userid: string): Promise<number> {
    const r = await this.one(
      'SELECT COUNT(*) AS n FROM notifications WHERE corp_id = $1 AND userid = $2 AND NOT read',
      [corpId, userid],
    );
    return Number(r?.n ?? 0);
  }

  async markNotificationsRead(corpId: string, userid: string, ids?: string[]): Promise<number> {
    if (!ids)
      return this.changes('UPDATE notifications SET read = true WHERE corp_id = $1 AND userid = $2 AND NOT read', [
        corpId,
        userid,
      ]);
    return this.changes(
      'UPDATE notifications SET read = true WHERE corp_id = $1 AND userid = $2 AND id = ANY($3::text[]) AND NOT read',
      [corpId, userid, ids],
    );
  }

  async dueWebhookDeliveries(now: number, limit: number): Promise<WebhookDelivery[]> {
    return (
      await this.q(
        'SELECT * FROM webhook_deliveries WHERE delivered_at IS NULL AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $2',
        [now, limit],
      )
    ).map(toDelivery);
  }

  async updateWebhookDelivery(d: WebhookDelivery): Promise<void> {
    await this.pool.query(
      'UPDATE webhook_deliveries SET attempts = $1, next_attempt_at = $2, delivered_at = $3, last_error = $4 WHERE id = $5',
      [d.attempts, d.nextAttemptAt, d.deliveredAt, d.lastError, d.id],
    );
  }

  // --- enrollments and templates ----------------------------------------------------------------

  async createEnrollment(e: Enrollment): Promise<void> {
    try {
      await this.pool.query(
        `INSERT INTO enrollments (id, corp_id, sn, userid, kind, status, percent, samples, samples_required, hint, code,
           requested_by, timeout_s, deadline_at, created_at, updated_at, ended_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
        [
          e.id,
          e.corpId,
          e.sn,
          e.userid,
          e.kind,
          e.status,
          e.percent,
          e.samples,
          e.samplesRequired,
          e.hint,
          e.code,
          e.requestedBy,
          e.timeoutS,
          e.deadlineAt,
          e.createdAt,
          e.updatedAt,
          e.endedAt,
        ],
      );
    } catch (err) {
      if (pgCode(err) === '23505')
        throw new HwbindError('busy', `device ${e.sn} is already capturing another enrollment`);
      throw err;
    }
  }

  async getEnrollment(id: string): Promise<Enrollment | null> {
    const r = await this.one('SELECT * FROM enrollments WHERE id = $1', [id]);
    return r ? toEnrollment(r) : null;
  }

  async listEnrollments(sn: string, limit: number): Promise<Enrollment[]> {
    return (
      await this.q('SELECT * FROM enrollments WHERE sn = $1 ORDER BY created_at DESC, id DESC LIMIT $2', [sn, limit])
    ).map(toEnrollment);
  }

  async listRunningEnrollments(sn?: string): Promise<Enrollment[]> {
    const rows =
      sn === undefined
        ? await this.q(`SELECT * FROM enrollments WHERE ${RUNNING} ORDER BY created_at`)
        : await this.q(`SELECT * FROM enrollments WHERE sn = $1 AND ${RUNNING}`, [sn]);
    return rows.map(toEnrollment);
  }

  async recordEnrollmentProgress(
    id: string,
    p: { percent: number; samples: number; hint: string; at: number },
  ): Promise<Enrollment | null> {
    const r = await this.one(
      `UPDATE enrollments SET status = 'capturing', percent = $1, samples = $2, hint = $3, updated_at = $4
       WHERE id = $5 AND ${RUNNING} RETURNING *`,
      [p.percent, p.samples, p.hint, p.at, id],
    );
    return r ? toEnrollment(r) : null;
  }

  async endEnrollment(
    id: string,
    end: { status: 'failed' | 'cancelled' | 'timed_out'; code: string | null; at: number },
  ): Promise<Enrollment | null> {
    const r = await this.one(
      `UPDATE enrollments SET status = $1, code = $2, updated_at = $3, ended_at = $3 WHERE id = $4 AND ${RUNNING} RETURNING *`,
      [end.status, end.code, end.at, id],
    );
    return r ? toEnrollment(r) : null;
  }

  async completeEnrollment(
    id: string,
    t: BiometricTemplate,
    held: { sn: string; bindingId: string },
  ): Promise<Enrollment | null> {
    return this.tx(async (c) => {
      const r = await this.one(
        `UPDATE enrollments SET status = 'completed', percent = 100, code = NULL, updated_at = $1, ended_at = $1,
           template_algorithm = $2, template_sha256 = $3
         WHERE id = $4 AND ${RUNNING} RETURNING *`,
        [t.updatedAt, t.algorithm, t.sha256, id],
        c,
      );
      if (!r) return null;
      await c.query(
        `INSERT INTO templates (corp_id, vendor, userid, kind, idx, algorithm, data, sha256, source_sn, enrollment_id, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (corp_id, vendor, userid, kind) DO UPDATE SET idx = excluded.idx, algorithm = excluded.algorithm,
           data = excluded.data, sha256 = excluded.sha256, source_sn = excluded.source_sn,
           enrollment_id = excluded.enrollment_id, updated_at = excluded.updated_at`,
        [
          t.corpId,
          t.vendor,
          t.userid,
          t.kind,
          t.index,
          t.algorithm,
          Buffer.from(t.data),
          t.sha256,
          t.sourceSn,
          t.enrollmentId,
          t.updatedAt,
        ],
      );
      await c.query(
        `INSERT INTO held_templates (sn, binding_id, userid, kind, sha256) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (sn, userid, kind) DO UPDATE SET binding_id = excluded.binding_id, sha256 = excluded.sha256`,
        [held.sn, held.bindingId, t.userid, t.kind, t.sha256],
      );
      return toEnrollment(r);
    });
  }

  async listTemplateDigests(corpId: string, vendor: string): Promise<HeldTemplate[]> {
    return (
      await this.q(
        'SELECT userid, kind, sha256 FROM templates WHERE corp_id = $1 AND vendor = $2 ORDER BY userid, kind',
        [corpId, vendor],
      )
    ).map(toHeld);
  }

  async listTemplates(corpId: string, vendor: string, userids: string[]): Promise<BiometricTemplate[]> {
    return (
      await this.q(
        'SELECT * FROM templates WHERE corp_id = $1 AND vendor = $2 AND userid = ANY($3::text[]) ORDER BY userid, kind',
        [corpId, vendor, userids],
      )
    ).map(toTemplate);
  }

  async listHeldTemplates(sn: string, bindingId: string): Promise<HeldTemplate[]> {
    return (
      await this.q(
        'SELECT userid, kind, sha256 FROM held_templates WHERE sn = $1 AND binding_id = $2 ORDER BY userid, kind',
        [sn, bindingId],
      )
    ).map(toHeld);
  }

  async syncHeldTemplates(
    sn: string,
    bindingId: string,
    userids: string[],
    held: HeldTemplate[],
    entries: OutboxEntry[],
  ): Promise<void> {
    await this.tx(async (c) => {
      await c.query('DELETE FROM held_templates WHERE sn = $1 AND (binding_id != $2 OR userid = ANY($3::text[]))', [
        sn,
        bindingId,
        userids,
      ]);
      if (held.length > 0)
        await c.query(
          `INSERT INTO held_templates (sn, binding_id, userid, kind, sha256)
           SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::text[])`,
          [sn, bindingId, held.map((h) => h.userid), held.map((h) => h.kind), held.map((h) => h.sha256)],
        );
      await this.insertOutbox(entries, c);
    });
  }

  async forgetHeldTemplates(sn: string): Promise<void> {
    await this.pool.query('DELETE FROM held_templates WHERE sn = $1', [sn]);
  }

  // --- firmware catalog, upgrade jobs, rollouts ------------------------------------------------

  async addFirmware(f: FirmwareRelease): Promise<void> {
    try {
      await this.pool.query(
        `INSERT INTO firmware (model_id, version, size, sha256, payload_sha256, test, build_time, release_notes,
           published_at, retired_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          f.modelId,
          f.version,
          f.size,
          f.sha256,
          f.payloadSha256,
          f.test,
          f.buildTime,
          f.releaseNotes,
          f.publishedAt,
          f.retiredAt,
        ],
      );
    } catch (err) {
      throw uniqueConflict(err, `model ${f.modelId} already has firmware ${f.version}`);
    }
  }

  async getFirmware(modelId: string, version: string): Promise<FirmwareRelease | null> {
    const r = await this.one('SELECT * FROM firmware WHERE model_id = $1 AND version = $2', [modelId, version]);
    return r ? toRelease(r) : null;
  }

  async listFirmware(opts: { modelId?: string } = {}): Promise<FirmwareRelease[]> {
    const rows =
      opts.modelId === undefined
        ? await this.q('SELECT * FROM firmware ORDER BY model_id, published_at DESC, version')
        : await this.q('SELECT * FROM firmware WHERE model_id = $1 ORDER BY published_at DESC, version', [
            opts.modelId,
          ]);
    return rows.map(toRelease);
  }

  async retireFirmware(modelId: string, version: string, at: number): Promise<FirmwareRelease | null> {
    await this.pool.query(
      'UPDATE firmware SET retired_at = $1 WHERE model_id = $2 AND version = $3 AND retired_at IS NULL',
      [at, modelId, version],
    );
    return this.getFirmware(modelId, version);
  }

  async listCorpRetirements(corpId: string): Promise<CorpFirmwareRetirement[]> {
    return (
      await this.q('SELECT * FROM firmware_corp_retired WHERE corp_id = $1 ORDER BY model_id, version', [corpId])
    ).map((r) => ({
      corpId: String(r.corp_id),
      modelId: String(r.model_id),
      version: String(r.version),
      retiredAt: Number(r.retired_at),
      retiredBy: String(r.retired_by),
    }));
  }

  async setCorpRetirement(
    corpId: string,
    modelId: string,
    version: string,
    retired: { at: number; by: string } | null,
  ): Promise<void> {
    if (retired)
      await this.pool.query(
        `INSERT INTO firmware_corp_retired (corp_id, model_id, version, retired_at, retired_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (corp_id, model_id, version) DO NOTHING`,
        [corpId, modelId, version, retired.at, retired.by],
      );
    else
      await this.pool.query('DELETE FROM firmware_corp_retired WHERE corp_id = $1 AND model_id = $2 AND version = $3', [
        corpId,
        modelId,
        version,
      ]);
  }

  async createFirmwareJob(j: FirmwareJob, offer: OutboxEntry, rollout?: { wave: number }): Promise<void> {
    try {
      await this.tx(async (c) => {
        await c.query(
          `INSERT INTO firmware_jobs (id, sn, corp_id, binding_id, model_id, version, from_version, sha256, size,
             chunk_size, allow_downgrade, offer_id, state, code, message, bytes_done, requested_by, rollout_id,
             created_at, updated_at, started_at, ended_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
          [
            j.id,
            j.sn,
            j.corpId,
            j.bindingId,
            j.modelId,
            j.version,
            j.fromVersion,
            j.sha256,
            j.size,
            j.chunkSize,
            j.allowDowngrade,
            j.offerId,
            j.state,
            j.code,
            j.message,
            j.bytesDone,
            j.requestedBy,
            j.rolloutId,
            j.createdAt,
            j.updatedAt,
            j.startedAt,
            j.endedAt,
          ],
        );
        await this.insertOutbox([offer], c);
        if (rollout && j.rolloutId)
          await c.query(
            "UPDATE rollout_devices SET state = 'started', wave = $1, job_id = $2 WHERE rollout_id = $3 AND sn = $4",
            [rollout.wave, j.id, j.rolloutId, j.sn],
          );
      });
    } catch (err) {
      if (pgCode(err) === '23505')
        throw new HwbindError('busy', `device ${j.sn} is already running a firmware upgrade`, { sn: j.sn });
      throw err;
    }
  }

  async getFirmwareJob(id: string): Promise<FirmwareJob | null> {
    const r = await this.one('SELECT * FROM firmware_jobs WHERE id = $1', [id]);
    return r ? toJob(r) : null;
  }

  async listFirmwareJobs(sn: string, limit: number): Promise<FirmwareJob[]> {
    return (
      await this.q('SELECT * FROM firmware_jobs WHERE sn = $1 ORDER BY created_at DESC, id DESC LIMIT $2', [sn, limit])
    ).map(toJob);
  }

  async listLiveFirmwareJobs(): Promise<FirmwareJob[]> {
    return (await this.q(`SELECT * FROM firmware_jobs WHERE ${LIVE_JOB} ORDER BY created_at`)).map(toJob);
  }

  async recordFirmwareProgress(progress: FirmwareJobProgress[]): Promise<void> {
    const last = lastPerKey(progress, (p) => p.id).sort((a, b) => (a.id < b.id ? -1 : 1));
    if (last.length === 0) return;
    await this.tx((c) =>
      c.query(
        `UPDATE firmware_jobs j SET state = u.state, bytes_done = u.bytes_done, started_at = u.started_at,
           updated_at = u.updated_at
         FROM (SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[])
           AS t(id, state, bytes_done, started_at, updated_at) ORDER BY id) u
         WHERE j.id = u.id AND j.${LIVE_JOB}`,
        [
          last.map((p) => p.id),
          last.map((p) => p.state),
          last.map((p) => p.bytesDone),
          last.map((p) => p.startedAt),
          last.map((p) => p.updatedAt),
        ],
      ),
    );
  }

  async endFirmwareJob(
    id: string,
    end: {
      state: 'succeeded' | 'failed' | 'rolled_back' | 'cancelled';
      code: string | null;
      message: string | null;
      at: number;
    },
  ): Promise<FirmwareJob | null> {
    return this.tx(async (c) => {
      const r = await this.one(
        `UPDATE firmware_jobs SET state = $1, code = $2, message = $3, updated_at = $4, ended_at = $4
         WHERE id = $5 AND ${LIVE_JOB} RETURNING *`,
        [end.state, end.code, end.message, end.at, id],
        c,
      );
      if (!r) return null;
      await c.query('DELETE FROM outbox WHERE id = $1', [r.offer_id]);
      return toJob(r);
    });
  }

  async listRolloutJobs(rolloutId: string): Promise<FirmwareJob[]> {
    return (await this.q('SELECT * FROM firmware_jobs WHERE rollout_id = $1 ORDER BY created_at', [rolloutId])).map(
      toJob,
    );
  }

  async createRollout(r: Rollout, sns: string[]): Promise<void> {
    try {
      await this.tx(async (c) => {
        await c.query(
          `INSERT INTO rollouts (id, model_id, version, target, rate, abort_ratio, abort_min, allow_downgrade, state,
             reason, wave, next_start_at, created_by, created_at, updated_at, ended_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
          [
            r.id,
            r.modelId,
            r.version,
            jsonText(r.target),
            jsonText(r.rate),
            r.abortRatio,
            r.abortMin,
            r.allowDowngrade,
            r.state,
            r.reason,
            r.wave,
            r.nextStartAt,
            r.createdBy,
            r.createdAt,
            r.updatedAt,
            r.endedAt,
          ],
        );
        await c.query(
          `INSERT INTO rollout_devices (rollout_id, sn, position, state)
           SELECT $1, sn, (position - 1)::int, 'waiting' FROM unnest($2::text[]) WITH ORDINALITY AS t(sn, position)`,
          [r.id, sns],
        );
      });
    } catch (err) {
      throw uniqueConflict(err, `rollout ${r.id} already exists`);
    }
  }

  async getRollout(id: string): Promise<Rollout | null> {
    const r = await this.one('SELECT * FROM rollouts WHERE id = $1', [id]);
    return r ? toRollout(r) : null;
  }

  async listRollouts(): Promise<Rollout[]> {
    return (await this.q('SELECT * FROM rollouts ORDER BY created_at DESC, id')).map(toRollout);
  }

  async listOpenRollouts(): Promise<Rollout[]> {
    return (await this.q("SELECT * FROM rollouts WHERE state IN ('running', 'paused') ORDER BY created_at")).map(
      toRollout,
    );
  }

  async updateRollout(r: Rollout): Promise<void> {
    await this.pool.query(
      `UPDATE rollouts SET state = $1, reason = $2, wave = $3, next_start_at = $4, updated_at = $5, ended_at = $6 WHERE id = $7`,
      [r.state, r.reason, r.wave, r.nextStartAt, r.updatedAt, r.endedAt, r.id],
    );
  }

  async listRolloutDevices(rolloutId: string): Promise<RolloutDevice[]> {
    return (await this.q('SELECT * FROM rollout_devices WHERE rollout_id = $1 ORDER BY position', [rolloutId])).map(
      toRolloutDevice,
    );
  }

  async waitingRolloutDevices(rolloutId: string, limit: number): Promise<RolloutDevice[]> {
    return (
      await this.q(
        "SELECT * FROM rollout_devices WHERE rollout_id = $1 AND state = 'waiting' ORDER BY position LIMIT $2",
        [rolloutId, limit],
      )
    ).map(toRolloutDevice);
  }

  async settleRolloutDevices(
    rolloutId: string,
    sns: string[],
    state: 'skipped' | 'cancelled',
    reason: string,
  ): Promise<void> {
    await this.pool.query(
      "UPDATE rollout_devices SET state = $1, reason = $2 WHERE rollout_id = $3 AND sn = ANY($4::text[]) AND state = 'waiting'",
      [state, reason, rolloutId, sns],
    );
  }

  // --- verification-code locks ------------------------------------------------------------------

  async recordVerifyFailure(sn: string, now: number, limit: number, lockMs: number): Promise<number | null> {
    // One statement, so that failures from two nodes at once both count. A lock that has run out
    // starts the count afresh; the count that locks resets to 0.
    const failures = '(CASE WHEN v.locked_until > 0 AND v.locked_until <= $2::bigint THEN 0 ELSE v.failures END) + 1';
    const r = await this.one(
      `INSERT INTO verify_failures AS v (sn, failures, locked_until)
       VALUES ($1, CASE WHEN 1 >= $3::int THEN 0 ELSE 1 END, CASE WHEN 1 >= $3::int THEN $2::bigint + $4::bigint ELSE 0 END)
       ON CONFLICT (sn) DO UPDATE SET
         failures = CASE WHEN ${failures} >= $3::int THEN 0 ELSE ${failures} END,
         locked_until = CASE WHEN ${failures} >= $3::int THEN $2::bigint + $4::bigint ELSE 0 END
       RETURNING locked_until`,
      [sn, now, limit, lockMs],
    );
    return Number(r?.locked_until ?? 0) || null;
  }

  async verifyLockedUntil(sn: string, now: number): Promise<number | null> {
    const r = await this.one('SELECT locked_until FROM verify_failures WHERE sn = $1', [sn]);
    const until = Number(r?.locked_until ?? 0);
    return until > now ? until : null;
  }

  async clearVerifyFailures(sn: string): Promise<void> {
    await this.pool.query('DELETE FROM verify_failures WHERE sn = $1', [sn]);
  }

  // --- leases -----------------------------------------------------------------------------------

  async acquireLease(name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
    // One statement: of two nodes asking at once, the row lock lets one in and the other sees its lease.
    const r = await this.one(
      `INSERT INTO leases AS l (name, holder, expires_at) VALUES ($1, $2, $3::bigint + $4::bigint)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE l.holder = excluded.holder OR l.expires_at <= $3::bigint
       RETURNING holder`,
      [name, holder, now, ttlMs],
    );
    return r !== undefined;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.pool.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
  }

  async claimNonces(claims: NonceClaim[], now: number): Promise<boolean[]> {
    return this.nonces.claim(claims, now);
  }

  async sweepNonces(now: number): Promise<number> {
    return this.nonces.sweep(now);
  }
}

/** The server cannot be reached or refuses us: one line naming where, without the password. */
function pgUnavailable(err: unknown, url: string): unknown {
  const code = pgCode(err);
  if (/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|08|28|3D000|57P03)/.test(code))
    return new HwbindError(
      'storage_unavailable',
      `the PostgreSQL store ${redactUrl(url)} cannot be used: ${(err as Error).message.split('\n')[0]}`,
    );
  return err;
}
