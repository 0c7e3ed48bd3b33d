// The embedded store: SQLite through better-sqlite3, WAL journal, synchronous=FULL so that a commit
// the gateway has acknowledged survives a crash or a power cut. Writes that come many at a time
// share commits (group commit): each fsync blocks the event loop.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { HwbindError } from '../../protocol/errors.js';
import { directionToWire, methodToWire } from '../../protocol/records.js';
import { MIGRATIONS } from './migrations.js';
import { NonceJournal } from './nonce-journal.js';
import {
  json,
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

/** The file of device nonces beside hwbind.db, and the schema versions that created and dropped their table. */
export const NONCE_JOURNAL = 'nonces.log';
const NONCES_CREATED = 3;
const NONCES_DROPPED = 6;
/** Devices added per transaction by addDevices. */
const DEVICE_SLICE = 2000;

interface QueuedTransaction {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export class SqliteStore implements Store {
  readonly db: Database.Database;
  /** Images are files of the data directory (gateway/ota/catalog.ts): one gateway reads them. */
  readonly firmwareImages = null;
  readonly writeConcurrency = 1;

  /** Opens (creating if needed) `hwbind.db` in `dataDir`; ':memory:' for a throwaway store. */
  constructor(dataDir: string) {
    try {
      if (dataDir === ':memory:') {
        this.db = new Database(':memory:');
        this.nonces = new NonceJournal(null);
      } else {
        mkdirSync(dataDir, { recursive: true });
        this.db = new Database(join(dataDir, 'hwbind.db'));
        this.nonces = new NonceJournal(join(dataDir, NONCE_JOURNAL));
      }
      this.db.pragma('journal_mode = WAL');
    } catch (err) {
      throw storageError(err, dataDir) ?? err;
    }
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // 64 MiB of page cache (SQLite's default is 2 MiB): record ingestion touches the tails of
    // several indexes in every commit, and they stay in memory instead of being read again.
    this.db.pragma('cache_size = -65536');
  }

  private readonly statements = new Map<string, Database.Statement>();
  private readonly nonces: NonceJournal;
  private queued: QueuedTransaction[] = [];

  /**
   * Runs `fn` as one transaction inside the next group commit: the transactions asked for in one
   * turn of the event loop share one COMMIT, so one fsync. Each is a savepoint of its own — one that
   * throws is rolled back alone and rejects alone — and every caller is answered only once the
   * shared commit is durable.
   */
  private grouped<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queued.push({ run: fn, resolve: resolve as (value: unknown) => void, reject });
      if (this.queued.length === 1) setImmediate(() => this.commitQueued());
    });
  }

  private commitQueued(): void {
    const batch = this.queued;
    this.queued = [];
    const answers: (() => void)[] = [];
    try {
      this.db.transaction(() => {
        for (const t of batch) {
          try {
            const value = this.db.transaction(t.run)();
            answers.push(() => t.resolve(value));
          } catch (err) {
            // An error SQLite answers by rolling back the whole transaction (I/O, disk full) fails them all.
            if (!this.db.inTransaction) throw err;
            answers.push(() => t.reject(err));
          }
        }
      })();
    } catch (err) {
      for (const t of batch) t.reject(err);
      return;
    }
    for (const answer of answers) answer();
  }

  /** Prepared once, reused: preparing is most of the cost of a small query. */
  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  async migrate(): Promise<void> {
    try {
      this.migrateNow();
    } catch (err) {
      throw storageError(err, this.db.name) ?? err;
    }
  }

  private migrateNow(): void {
    const current = Number(this.db.pragma('user_version', { simple: true }));
    if (current > MIGRATIONS.length) {
      throw new HwbindError(
        'conflict',
        `data directory schema v${current} is newer than this hwbind (v${MIGRATIONS.length})`,
      );
    }
    for (let v = current; v < MIGRATIONS.length; v++) {
      if (v === NONCES_DROPPED - 1 && current >= NONCES_CREATED) {
        const rows = this.db.prepare('SELECT sn, nonce, expires_at FROM nonces').all() as Row[];
        const claims = rows.map((r) => ({ sn: String(r.sn), nonce: String(r.nonce), expiresAt: Number(r.expires_at) }));
        this.nonces.importSync(claims);
      }
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  async close(): Promise<void> {
    await this.nonces.close();
    if (this.db.open) this.db.close();
  }

  async ping(): Promise<void> {
    this.stmt('SELECT 1').get();
  }

  async getMeta(key: string): Promise<string | null> {
    const row = this.stmt('SELECT value FROM meta WHERE key = ?').get(key) as Row | undefined;
    return row ? String(row.value) : null;
  }

  async setMetaOnce(key: string, value: string): Promise<string> {
    this.stmt('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING').run(key, value);
    return (await this.getMeta(key))!;
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.stmt('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
      key,
      value,
    );
  }

  async addModel(m: Model): Promise<void> {
    try {
      this.stmt(
        'INSERT INTO models (id, name, vendor, capabilities, vendor_key, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(m.id, m.name, m.vendor, JSON.stringify(m.capabilities), m.vendorKey, m.createdAt);
    } catch (err) {
      throw uniqueConflict(err, `model ${m.id} already exists`);
    }
  }

  async getModel(id: string): Promise<Model | null> {
    const r = this.stmt('SELECT * FROM models WHERE id = ?').get(id) as Row | undefined;
    return r ? toModel(r) : null;
  }

  async listModels(): Promise<Model[]> {
    return (this.stmt('SELECT * FROM models ORDER BY id').all() as Row[]).map(toModel);
  }

  async addBatch(b: Batch): Promise<void> {
    try {
      this.stmt('INSERT INTO batches (id, model_id, seed, created_at) VALUES (?, ?, ?, ?)').run(
        b.id,
        b.modelId,
        b.seed,
        b.createdAt,
      );
    } catch (err) {
      throw uniqueConflict(err, `batch ${b.id} already exists`);
    }
  }

  async getBatch(id: string): Promise<Batch | null> {
    const r = this.stmt('SELECT * FROM batches WHERE id = ?').get(id) as Row | undefined;
    return r
      ? { id: String(r.id), modelId: String(r.model_id), seed: String(r.seed), createdAt: Number(r.created_at) }
      : null;
  }

  async addDevices(devices: Device[]): Promise<void> {
    const insert = this.stmt(
      `INSERT INTO devices (sn, secret, model_id, batch_id, remark, disabled, firmware_version, slots, capabilities, online, last_seen, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?)`,
    );
    let current = '';
    let added = 0;
    try {
      // One transaction per slice, the event loop free in between: 300,000 rows in one held every
      // device and request for seconds.
      for (; added < devices.length; added += DEVICE_SLICE) {
        if (added > 0) await new Promise((resolve) => setImmediate(resolve));
        this.db.transaction(() => {
          for (const d of devices.slice(added, added + DEVICE_SLICE)) {
            current = d.sn;
            insert.run(
              d.sn,
              d.secret,
              d.modelId,
              d.batchId,
              d.remark,
              d.disabled ? 1 : 0,
              d.firmwareVersion,
              JSON.stringify(d.slots),
              JSON.stringify(d.capabilities),
              d.createdAt,
            );
          }
        })();
      }
    } catch (err) {
      // All or none: the slices already committed go again.
      const remove = this.stmt('DELETE FROM devices WHERE sn = ?');
      this.db.transaction(() => {
        for (const d of devices.slice(0, added)) remove.run(d.sn);
      })();
      throw uniqueConflict(err, `device ${current} is already registered`, { sn: current });
    }
  }

  async getDevice(sn: string): Promise<Device | null> {
    const r = this.stmt('SELECT * FROM devices WHERE sn = ?').get(sn) as Row | undefined;
    return r ? toDevice(r) : null;
  }

  async listDevices(
    opts: { modelId?: string; online?: boolean; limit?: number; offset?: number } = {},
  ): Promise<Device[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (opts.modelId !== undefined) {
      where.push('model_id = ?');
      args.push(opts.modelId);
    }
    if (opts.online !== undefined) {
      where.push('online = ?');
      args.push(opts.online ? 1 : 0);
    }
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')} ` : '';
    const rows = this.stmt(`SELECT * FROM devices ${filter}ORDER BY sn LIMIT ? OFFSET ?`).all(
      ...args,
      opts.limit ?? 1000,
      opts.offset ?? 0,
    );
    return (rows as Row[]).map(toDevice);
  }

  async setDeviceDisabled(sn: string, disabled: boolean): Promise<void> {
    const res = this.stmt('UPDATE devices SET disabled = ? WHERE sn = ?').run(disabled ? 1 : 0, sn);
    if (res.changes === 0) throw new HwbindError('device_not_found', `no device ${sn}`);
  }

  async recordDeviceReports(reports: { sn: string; report: DeviceReport }[]): Promise<void> {
    const stmt = this.stmt('UPDATE devices SET firmware_version = ?, slots = ?, capabilities = ? WHERE sn = ?');
    this.db.transaction(() => {
      for (const { sn, report: r } of reports)
        stmt.run(r.firmwareVersion, JSON.stringify(r.slots), JSON.stringify(r.capabilities), sn);
    })();
  }

  async recordPresence(updates: PresenceUpdate[]): Promise<void> {
    const stmt = this.stmt(
      'UPDATE devices SET online = ?, last_seen = ? WHERE sn = ? AND (last_seen IS NULL OR last_seen <= ?)',
    );
    this.db.transaction(() => {
      for (const u of updates) stmt.run(u.online ? 1 : 0, u.lastSeen, u.sn, u.lastSeen);
    })();
  }

  async resetPresence(): Promise<void> {
    this.stmt('UPDATE devices SET online = 0 WHERE online = 1').run();
  }

  async createCorp(c: Corp): Promise<void> {
    try {
      this.stmt('INSERT INTO corps (id, name, member_binding, created_at) VALUES (?, ?, ?, ?)').run(
        c.id,
        c.name,
        c.memberBinding ? 1 : 0,
        c.createdAt,
      );
    } catch (err) {
      throw uniqueConflict(err, `enterprise ${c.id} already exists`);
    }
  }

  async getCorp(id: string): Promise<Corp | null> {
    const r = this.stmt('SELECT * FROM corps WHERE id = ?').get(id) as Row | undefined;
    return r ? toCorp(r) : null;
  }

  async listCorps(): Promise<Corp[]> {
    return (this.stmt('SELECT * FROM corps ORDER BY id').all() as Row[]).map(toCorp);
  }

  async setMemberBinding(corpId: string, on: boolean): Promise<void> {
    const res = this.stmt('UPDATE corps SET member_binding = ? WHERE id = ?').run(on ? 1 : 0, corpId);
    if (res.changes === 0) throw new HwbindError('not_found', `no enterprise ${corpId}`);
  }

  async replaceDirectory(corpId: string, dir: Directory): Promise<void> {
    const db = this.db;
    db.transaction(() => {
      for (const t of ['departments', 'members', 'apps']) this.stmt(`DELETE FROM ${t} WHERE corp_id = ?`).run(corpId);
      const dep = this.stmt('INSERT INTO departments (corp_id, id, name, parent_id) VALUES (?, ?, ?, ?)');
      for (const d of dir.departments) dep.run(corpId, d.id, d.name, d.parentId);
      const mem = this.stmt(
        'INSERT INTO members (corp_id, userid, name, role, can_bind, departments, visibility) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      for (const m of dir.members) {
        mem.run(
          corpId,
          m.userid,
          m.name,
          m.role,
          m.canBindDevices ? 1 : 0,
          JSON.stringify(m.departments),
          JSON.stringify(m.visibility),
        );
      }
      const app = this.stmt('INSERT INTO apps (corp_id, id, name, admins) VALUES (?, ?, ?, ?)');
      for (const a of dir.apps) app.run(corpId, a.id, a.name, JSON.stringify(a.admins));
    })();
  }

  async getDirectory(corpId: string): Promise<Directory> {
    const departments = (this.stmt('SELECT * FROM departments WHERE corp_id = ? ORDER BY id').all(corpId) as Row[]).map(
      (r) => ({
        id: String(r.id),
        name: String(r.name),
        parentId: (r.parent_id as string | null) ?? null,
      }),
    );
    const members = (this.stmt('SELECT * FROM members WHERE corp_id = ? ORDER BY userid').all(corpId) as Row[]).map(
      toMember,
    );
    const apps = (this.stmt('SELECT * FROM apps WHERE corp_id = ? ORDER BY id').all(corpId) as Row[]).map((r) => ({
      id: String(r.id),
      name: String(r.name),
      admins: json<string[]>(r.admins),
    }));
    return { departments, members, apps };
  }

  async getMember(corpId: string, userid: string): Promise<Member | null> {
    const r = this.stmt('SELECT * FROM members WHERE corp_id = ? AND userid = ?').get(corpId, userid) as
      | Row
      | undefined;
    return r ? toMember(r) : null;
  }

  async getWebhook(corpId: string): Promise<WebhookSettings | null> {
    const r = this.stmt('SELECT webhook FROM corps WHERE id = ?').get(corpId) as Row | undefined;
    return r?.webhook ? json<WebhookSettings>(r.webhook) : null;
  }

  async setWebhook(corpId: string, webhook: WebhookSettings | null): Promise<void> {
    const res = this.stmt('UPDATE corps SET webhook = ? WHERE id = ?').run(
      webhook ? JSON.stringify(webhook) : null,
      corpId,
    );
    if (res.changes === 0) throw new HwbindError('not_found', `no enterprise ${corpId}`);
  }

  async setDeviceRemark(sn: string, remark: string | null): Promise<void> {
    const res = this.stmt('UPDATE devices SET remark = ? WHERE sn = ?').run(remark, sn);
    if (res.changes === 0) throw new HwbindError('device_not_found', `no device ${sn}`);
  }

  // --- bindings ---------------------------------------------------------------------------------

  private insertOutbox(e: OutboxEntry): void {
    this.stmt('INSERT INTO outbox (id, sn, topic, purpose, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      e.id,
      e.sn,
      e.topic,
      e.purpose,
      Buffer.from(e.payload),
      e.createdAt,
    );
  }

  async createBinding(b: Binding, notice: OutboxEntry): Promise<void> {
    try {
      await this.grouped(() => {
        this.stmt(
          `INSERT INTO bindings (id, sn, corp_id, status, bound_by, bound_by_role, usable_range, apps, notice_id, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          b.id,
          b.sn,
          b.corpId,
          b.status,
          b.boundBy,
          b.boundByRole,
          JSON.stringify(b.usableRange),
          JSON.stringify(b.apps),
          b.noticeId,
          b.createdAt,
        );
        this.insertOutbox(notice);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new HwbindError('device_already_bound', `device ${b.sn} is already bound`);
      throw err;
    }
  }

  async getLiveBinding(sn: string): Promise<Binding | null> {
    const r = this.stmt("SELECT * FROM bindings WHERE sn = ? AND status != 'removed'").get(sn) as Row | undefined;
    return r ? toBinding(r) : null;
  }

  async listLiveBindings(corpId: string, opts: { boundBy?: string } = {}): Promise<Binding[]> {
    const rows = opts.boundBy
      ? this.stmt("SELECT * FROM bindings WHERE corp_id = ? AND status != 'removed' AND bound_by = ? ORDER BY sn").all(
          corpId,
          opts.boundBy,
        )
      : this.stmt("SELECT * FROM bindings WHERE corp_id = ? AND status != 'removed' ORDER BY sn").all(corpId);
    return (rows as Row[]).map(toBinding);
  }

  async activateBinding(a: Activation): Promise<boolean> {
    return this.grouped(() => {
      const b = this.stmt("SELECT notice_id FROM bindings WHERE id = ? AND status = 'pending'").get(a.bindingId) as
        | Row
        | undefined;
      if (!b) return false;
      this.stmt("UPDATE bindings SET status = 'active', activated_at = ? WHERE id = ?").run(a.at, a.bindingId);
      this.stmt('DELETE FROM outbox WHERE id = ?').run(String(b.notice_id));
      const note = this.stmt(
        'INSERT INTO notifications (id, corp_id, userid, kind, sn, text, link, created_at, read) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)',
      );
      for (const n of a.notifications) note.run(n.id, n.corpId, n.userid, n.kind, n.sn, n.text, n.link, n.createdAt);
      const hook = this.stmt(
        'INSERT INTO webhook_deliveries (id, corp_id, url, body, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 0, ?, ?)',
      );
      for (const d of a.deliveries) hook.run(d.id, d.corpId, d.url, d.body, d.nextAttemptAt, d.createdAt);
      return true;
    });
  }

  async removeBinding(bindingId: string, by: string, at: number, unbindNotice: OutboxEntry): Promise<boolean> {
    return this.grouped(() => {
      const b = this.stmt("SELECT notice_id FROM bindings WHERE id = ? AND status != 'removed'").get(bindingId) as
        | Row
        | undefined;
      if (!b) return false;
      this.stmt("UPDATE bindings SET status = 'removed', removed_at = ?, removed_by = ? WHERE id = ?").run(
        at,
        by,
        bindingId,
      );
      this.stmt('DELETE FROM outbox WHERE id = ?').run(String(b.notice_id));
      this.insertOutbox(unbindNotice);
      return true;
    });
  }

  async setBindingApps(bindingId: string, apps: string[]): Promise<void> {
    this.stmt('UPDATE bindings SET apps = ? WHERE id = ?').run(JSON.stringify(apps), bindingId);
  }

  // --- outbox -----------------------------------------------------------------------------------

  async listOutbox(sn: string): Promise<OutboxEntry[]> {
    return (this.stmt('SELECT * FROM outbox WHERE sn = ? ORDER BY seq').all(sn) as Row[]).map(toOutbox);
  }

  async getOutboxEntry(id: string): Promise<OutboxEntry | null> {
    const r = this.stmt('SELECT * FROM outbox WHERE id = ?').get(id) as Row | undefined;
    return r ? toOutbox(r) : null;
  }

  async addOutboxEntry(entry: OutboxEntry): Promise<void> {
    this.insertOutbox(entry);
  }

  async deleteOutboxEntry(id: string): Promise<boolean> {
    // Devices answer many messages at once (a fleet acknowledging its directory syncs): one commit for them.
    return this.grouped(() => this.stmt('DELETE FROM outbox WHERE id = ?').run(id).changes > 0);
  }

  // --- device directories -----------------------------------------------------------------------

  async getDeviceDirectory(sn: string): Promise<DeviceDirectory | null> {
    const r = this.stmt('SELECT * FROM device_directories WHERE sn = ?').get(sn) as Row | undefined;
    if (!r) return null;
    return {
      sn: String(r.sn),
      bindingId: (r.binding_id as string | null) ?? null,
      corpId: (r.corp_id as string | null) ?? null,
      version: Number(r.version),
      // Directories saved before entries carried enrolled kinds read as enrolled in nothing.
      users: json<DirectoryEntry[]>(r.users).map((u) => ({ ...u, enrolledKinds: u.enrolledKinds ?? [] })),
    };
  }

  async saveDeviceDirectory(dir: DeviceDirectory, push: { entry?: OutboxEntry; replaces?: string[] }): Promise<void> {
    await this.grouped(() => {
      this.stmt(
        `INSERT INTO device_directories (sn, binding_id, corp_id, version, users) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(sn) DO UPDATE SET binding_id = excluded.binding_id, corp_id = excluded.corp_id,
           version = excluded.version, users = excluded.users`,
      ).run(dir.sn, dir.bindingId, dir.corpId, dir.version, JSON.stringify(dir.users));
      const drop = this.stmt('DELETE FROM outbox WHERE id = ? AND sn = ?');
      for (const id of push.replaces ?? []) drop.run(id, dir.sn);
      if (push.entry) this.insertOutbox(push.entry);
    });
  }

  // --- records ----------------------------------------------------------------------------------

  async insertRecords(
    records: AttendanceRecord[],
  ): Promise<{ status: RecordStatus; reason: string | null; duplicate: boolean }[]> {
    const insert = this.stmt(
      `INSERT INTO records (sn, seq, corp_id, binding_id, userid, ts, direction, method, card_no, status, reason, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(sn, seq) DO NOTHING`,
    );
    const earlier = this.stmt('SELECT status, reason FROM records WHERE sn = ? AND seq = ?');
    return this.db.transaction(() =>
      records.map((r) => {
        const inserted = insert.run(
          r.sn,
          r.seq,
          r.corpId,
          r.bindingId,
          r.userid,
          r.ts,
          directionToWire(r.direction),
          methodToWire(r.method),
          r.cardNo,
          r.status,
          r.reason,
          r.receivedAt,
        ).changes;
        if (inserted) return { status: r.status, reason: r.reason, duplicate: false };
        const row = earlier.get(r.sn, r.seq) as Row;
        return { status: row.status as RecordStatus, reason: (row.reason as string | null) ?? null, duplicate: true };
      }),
    )();
  }

  async listRecords(q: RecordQuery): Promise<AttendanceRecord[]> {
    const where = ['corp_id = ?'];
    const args: unknown[] = [q.corpId];
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      args.push(...values);
    };
    if (q.bindingId !== undefined) add('binding_id = ?', q.bindingId);
    if (q.userid !== undefined) add('userid = ?', q.userid);
    if (q.from !== undefined) add('ts >= ?', q.from);
    if (q.to !== undefined) add('ts < ?', q.to);
    if (q.status !== undefined) add('status = ?', q.status);
    const desc = q.order === 'desc';
    if (q.after) add(`(ts, sn, seq) ${desc ? '<' : '>'} (?, ?, ?)`, q.after.ts, q.after.sn, q.after.seq);
    const dir = desc ? 'DESC' : 'ASC';
    const sql = `SELECT * FROM records WHERE ${where.join(' AND ')} ORDER BY ts ${dir}, sn ${dir}, seq ${dir} LIMIT ?`;
    return (this.stmt(sql).all(...args, q.limit) as Row[]).map(toRecord);
  }

  // --- notifications and webhooks ---------------------------------------------------------------

  async listNotifications(
    corpId: string,
    userid: string,
    opts: { limit?: number; unreadOnly?: boolean } = {},
  ): Promise<Notification[]> {
    const sql = `SELECT * FROM notifications WHERE corp_id = ? AND userid = ?${opts.unreadOnly ? ' AND read = 0' : ''}
      ORDER BY created_at DESC, id DESC LIMIT ?`;
    return (this.stmt(sql).all(corpId, userid, opts.limit ?? 100) as Row[]).map(toNotification);
  }

  async countUnreadNotifications(corpId: string, userid: string): Promise<number> {
    const r = this.stmt('SELECT COUNT(*) AS n FROM notifications WHERE corp_id = ? AND userid = ? AND read = 0').get(
      corpId,
      userid,
    ) as Row;
    return Number(r.n);
  }

  async markNotificationsRead(corpId: string, userid: string, ids?: string[]): Promise<number> {
    if (!ids) {
      return this.stmt('UPDATE notifications SET read = 1 WHERE corp_id = ? AND userid = ? AND read = 0').run(
        corpId,
        userid,
      ).changes;
    }
    const one = this.stmt('UPDATE notifications SET read = 1 WHERE corp_id = ? AND userid = ? AND id = ? AND read = 0');
    return this.db.transaction(() => ids.reduce((n, id) => n + one.run(corpId, userid, id).changes, 0))();
  }

  async dueWebhookDeliveries(now: number, limit: number): Promise<WebhookDelivery[]> {
    return (
      this.stmt(
        'SELECT * FROM webhook_deliveries WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?',
      ).all(now, limit) as Row[]
    ).map(toDelivery);
  }

  async updateWebhookDelivery(d: WebhookDelivery): Promise<void> {
    this.stmt(
      'UPDATE webhook_deliveries SET attempts = ?, next_attempt_at = ?, delivered_at = ?, last_error = ? WHERE id = ?',
    ).run(d.attempts, d.nextAttemptAt, d.deliveredAt, d.lastError, d.id);
  }

  // --- enrollments and templates ----------------------------------------------------------------

  async createEnrollment(e: Enrollment): Promise<void> {
    try {
      this.stmt(
        `INSERT INTO enrollments (id, corp_id, sn, userid, kind, status, percent, samples, samples_required, hint, code,
           requested_by, timeout_s, deadline_at, created_at, updated_at, ended_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
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
      );
    } catch (err) {
      if (isUniqueViolation(err))
        throw new HwbindError('busy', `device ${e.sn} is already capturing another enrollment`);
      throw err;
    }
  }

  async getEnrollment(id: string): Promise<Enrollment | null> {
    const r = this.stmt('SELECT * FROM enrollments WHERE id = ?').get(id) as Row | undefined;
    return r ? toEnrollment(r) : null;
  }

  async listEnrollments(sn: string, limit: number): Promise<Enrollment[]> {
    return (
      this.stmt('SELECT * FROM enrollments WHERE sn = ? ORDER BY created_at DESC, id DESC LIMIT ?').all(
        sn,
        limit,
      ) as Row[]
    ).map(toEnrollment);
  }

  async listRunningEnrollments(sn?: string): Promise<Enrollment[]> {
    // One device's: through the partial index of running enrollments, so that every disconnect
    // (a fleet's after a network cut) costs next to nothing.
    const rows =
      sn === undefined
        ? this.stmt(`SELECT * FROM enrollments WHERE ${RUNNING} ORDER BY created_at`).all()
        : this.stmt(`SELECT * FROM enrollments WHERE sn = ? AND ${RUNNING}`).all(sn);
    return (rows as Row[]).map(toEnrollment);
  }

  async recordEnrollmentProgress(
    id: string,
    p: { percent: number; samples: number; hint: string; at: number },
  ): Promise<Enrollment | null> {
    const r = this.stmt(
      `UPDATE enrollments SET status = 'capturing', percent = ?, samples = ?, hint = ?, updated_at = ?
       WHERE id = ? AND ${RUNNING} RETURNING *`,
    ).get(p.percent, p.samples, p.hint, p.at, id) as Row | undefined;
    return r ? toEnrollment(r) : null;
  }

  async endEnrollment(
    id: string,
    end: { status: 'failed' | 'cancelled' | 'timed_out'; code: string | null; at: number },
  ): Promise<Enrollment | null> {
    const r = this.stmt(
      `UPDATE enrollments SET status = ?, code = ?, updated_at = ?, ended_at = ? WHERE id = ? AND ${RUNNING} RETURNING *`,
    ).get(end.status, end.code, end.at, end.at, id) as Row | undefined;
    return r ? toEnrollment(r) : null;
  }

  async completeEnrollment(
    id: string,
    t: BiometricTemplate,
    held: { sn: string; bindingId: string },
  ): Promise<Enrollment | null> {
    return this.db.transaction(() => {
      const r = this.stmt(
        `UPDATE enrollments SET status = 'completed', percent = 100, code = NULL, updated_at = ?, ended_at = ?,
           template_algorithm = ?, template_sha256 = ?
         WHERE id = ? AND ${RUNNING} RETURNING *`,
      ).get(t.updatedAt, t.updatedAt, t.algorithm, t.sha256, id) as Row | undefined;
      if (!r) return null;
      this.stmt(
        `INSERT INTO templates (corp_id, vendor, userid, kind, idx, algorithm, data, sha256, source_sn, enrollment_id, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (corp_id, vendor, userid, kind) DO UPDATE SET idx = excluded.idx, algorithm = excluded.algorithm,
           data = excluded.data, sha256 = excluded.sha256, source_sn = excluded.source_sn,
           enrollment_id = excluded.enrollment_id, updated_at = excluded.updated_at`,
      ).run(
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
      );
      this.stmt(
        `INSERT INTO held_templates (sn, binding_id, userid, kind, sha256) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (sn, userid, kind) DO UPDATE SET binding_id = excluded.binding_id, sha256 = excluded.sha256`,
      ).run(held.sn, held.bindingId, t.userid, t.kind, t.sha256);
      return toEnrollment(r);
    })();
  }

  async listTemplateDigests(corpId: string, vendor: string): Promise<HeldTemplate[]> {
    return (
      this.stmt(
        'SELECT userid, kind, sha256 FROM templates WHERE corp_id = ? AND vendor = ? ORDER BY userid, kind',
      ).all(corpId, vendor) as Row[]
    ).map(toHeld);
  }

  async listTemplates(corpId: string, vendor: string, userids: string[]): Promise<BiometricTemplate[]> {
    return (
      this.stmt(
        `SELECT * FROM templates WHERE corp_id = ? AND vendor = ? AND userid IN (SELECT value FROM json_each(?))
         ORDER BY userid, kind`,
      ).all(corpId, vendor, JSON.stringify(userids)) as Row[]
    ).map(toTemplate);
  }

  async listHeldTemplates(sn: string, bindingId: string): Promise<HeldTemplate[]> {
    return (
      this.stmt(
        'SELECT userid, kind, sha256 FROM held_templates WHERE sn = ? AND binding_id = ? ORDER BY userid, kind',
      ).all(sn, bindingId) as Row[]
    ).map(toHeld);
  }

  async syncHeldTemplates(
    sn: string,
    bindingId: string,
    userids: string[],
    held: HeldTemplate[],
    entries: OutboxEntry[],
  ): Promise<void> {
    this.db.transaction(() => {
      this.stmt('DELETE FROM held_templates WHERE sn = ? AND binding_id != ?').run(sn, bindingId);
      const drop = this.stmt('DELETE FROM held_templates WHERE sn = ? AND userid = ?');
      for (const userid of userids) drop.run(sn, userid);
      const insert = this.stmt(
        'INSERT INTO held_templates (sn, binding_id, userid, kind, sha256) VALUES (?, ?, ?, ?, ?)',
      );
      for (const h of held) insert.run(sn, bindingId, h.userid, h.kind, h.sha256);
      for (const e of entries) this.insertOutbox(e);
    })();
  }

  async forgetHeldTemplates(sn: string): Promise<void> {
    this.stmt('DELETE FROM held_templates WHERE sn = ?').run(sn);
  }

  // --- firmware catalog, upgrade jobs, rollouts ------------------------------------------------

  async addFirmware(f: FirmwareRelease): Promise<void> {
    try {
      this.stmt(
        `INSERT INTO firmware (model_id, version, size, sha256, payload_sha256, test, build_time, release_notes,
           published_at, retired_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        f.modelId,
        f.version,
        f.size,
        f.sha256,
        f.payloadSha256,
        f.test ? 1 : 0,
        f.buildTime,
        f.releaseNotes,
        f.publishedAt,
        f.retiredAt,
      );
    } catch (err) {
      throw uniqueConflict(err, `model ${f.modelId} already has firmware ${f.version}`);
    }
  }

  async getFirmware(modelId: string, version: string): Promise<FirmwareRelease | null> {
    const r = this.stmt('SELECT * FROM firmware WHERE model_id = ? AND version = ?').get(modelId, version) as
      | Row
      | undefined;
    return r ? toRelease(r) : null;
  }

  async listFirmware(opts: { modelId?: string } = {}): Promise<FirmwareRelease[]> {
    const rows =
      opts.modelId === undefined
        ? this.stmt('SELECT * FROM firmware ORDER BY model_id, published_at DESC, version').all()
        : this.stmt('SELECT * FROM firmware WHERE model_id = ? ORDER BY published_at DESC, version').all(opts.modelId);
    return (rows as Row[]).map(toRelease);
  }

  async retireFirmware(modelId: string, version: string, at: number): Promise<FirmwareRelease | null> {
    this.stmt('UPDATE firmware SET retired_at = ? WHERE model_id = ? AND version = ? AND retired_at IS NULL').run(
      at,
      modelId,
      version,
    );
    return this.getFirmware(modelId, version);
  }

  async listCorpRetirements(corpId: string): Promise<CorpFirmwareRetirement[]> {
    return (
      this.stmt('SELECT * FROM firmware_corp_retired WHERE corp_id = ? ORDER BY model_id, version').all(corpId) as Row[]
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
      this.stmt(
        `INSERT INTO firmware_corp_retired (corp_id, model_id, version, retired_at, retired_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (corp_id, model_id, version) DO NOTHING`,
      ).run(corpId, modelId, version, retired.at, retired.by);
    else
      this.stmt('DELETE FROM firmware_corp_retired WHERE corp_id = ? AND model_id = ? AND version = ?').run(
        corpId,
        modelId,
        version,
      );
  }

  async createFirmwareJob(j: FirmwareJob, offer: OutboxEntry, rollout?: { wave: number }): Promise<void> {
    try {
      // A rollout starts many devices at once: their jobs share commits.
      await this.grouped(() => {
        this.stmt(
          `INSERT INTO firmware_jobs (id, sn, corp_id, binding_id, model_id, version, from_version, sha256, size,
             chunk_size, allow_downgrade, offer_id, state, code, message, bytes_done, requested_by, rollout_id,
             created_at, updated_at, started_at, ended_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
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
          j.allowDowngrade ? 1 : 0,
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
        );
        this.insertOutbox(offer);
        if (rollout && j.rolloutId)
          this.stmt(
            "UPDATE rollout_devices SET state = 'started', wave = ?, job_id = ? WHERE rollout_id = ? AND sn = ?",
          ).run(rollout.wave, j.id, j.rolloutId, j.sn);
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw new HwbindError('busy', `device ${j.sn} is already running a firmware upgrade`, { sn: j.sn });
      throw err;
    }
  }

  async getFirmwareJob(id: string): Promise<FirmwareJob | null> {
    const r = this.stmt('SELECT * FROM firmware_jobs WHERE id = ?').get(id) as Row | undefined;
    return r ? toJob(r) : null;
  }

  async listFirmwareJobs(sn: string, limit: number): Promise<FirmwareJob[]> {
    return (
      this.stmt('SELECT * FROM firmware_jobs WHERE sn = ? ORDER BY created_at DESC, id DESC LIMIT ?').all(
        sn,
        limit,
      ) as Row[]
    ).map(toJob);
  }

  async listLiveFirmwareJobs(): Promise<FirmwareJob[]> {
    return (this.stmt(`SELECT * FROM firmware_jobs WHERE ${LIVE_JOB} ORDER BY created_at`).all() as Row[]).map(toJob);
  }

  async recordFirmwareProgress(progress: FirmwareJobProgress[]): Promise<void> {
    const update = this.stmt(
      `UPDATE firmware_jobs SET state = ?, bytes_done = ?, started_at = ?, updated_at = ? WHERE id = ? AND ${LIVE_JOB}`,
    );
    await this.grouped(() => {
      for (const p of progress) update.run(p.state, p.bytesDone, p.startedAt, p.updatedAt, p.id);
    });
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
    return this.grouped(() => {
      const r = this.stmt(
        `UPDATE firmware_jobs SET state = ?, code = ?, message = ?, updated_at = ?, ended_at = ?
         WHERE id = ? AND ${LIVE_JOB} RETURNING *`,
      ).get(end.state, end.code, end.message, end.at, end.at, id) as Row | undefined;
      if (!r) return null;
      this.stmt('DELETE FROM outbox WHERE id = ?').run(r.offer_id);
      return toJob(r);
    });
  }

  async listRolloutJobs(rolloutId: string): Promise<FirmwareJob[]> {
    return (
      this.stmt('SELECT * FROM firmware_jobs WHERE rollout_id = ? ORDER BY created_at').all(rolloutId) as Row[]
    ).map(toJob);
  }

  async createRollout(r: Rollout, sns: string[]): Promise<void> {
    try {
      this.db.transaction(() => {
        this.stmt(
          `INSERT INTO rollouts (id, model_id, version, target, rate, abort_ratio, abort_min, allow_downgrade, state,
             reason, wave, next_start_at, created_by, created_at, updated_at, ended_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          r.id,
          r.modelId,
          r.version,
          JSON.stringify(r.target),
          JSON.stringify(r.rate),
          r.abortRatio,
          r.abortMin,
          r.allowDowngrade ? 1 : 0,
          r.state,
          r.reason,
          r.wave,
          r.nextStartAt,
          r.createdBy,
          r.createdAt,
          r.updatedAt,
          r.endedAt,
        );
        const insert = this.stmt(
          "INSERT INTO rollout_devices (rollout_id, sn, position, state) VALUES (?, ?, ?, 'waiting')",
        );
        for (const [i, sn] of sns.entries()) insert.run(r.id, sn, i);
      })();
    } catch (err) {
      throw uniqueConflict(err, `rollout ${r.id} already exists`);
    }
  }

  async getRollout(id: string): Promise<Rollout | null> {
    const r = this.stmt('SELECT * FROM rollouts WHERE id = ?').get(id) as Row | undefined;
    return r ? toRollout(r) : null;
  }

  async listRollouts(): Promise<Rollout[]> {
    return (this.stmt('SELECT * FROM rollouts ORDER BY created_at DESC, id').all() as Row[]).map(toRollout);
  }

  async listOpenRollouts(): Promise<Rollout[]> {
    return (
      this.stmt("SELECT * FROM rollouts WHERE state IN ('running', 'paused') ORDER BY created_at").all() as Row[]
    ).map(toRollout);
  }

  async updateRollout(r: Rollout): Promise<void> {
    this.stmt(
      `UPDATE rollouts SET state = ?, reason = ?, wave = ?, next_start_at = ?, updated_at = ?, ended_at = ? WHERE id = ?`,
    ).run(r.state, r.reason, r.wave, r.nextStartAt, r.updatedAt, r.endedAt, r.id);
  }

  async listRolloutDevices(rolloutId: string): Promise<RolloutDevice[]> {
    return (
      this.stmt('SELECT * FROM rollout_devices WHERE rollout_id = ? ORDER BY position').all(rolloutId) as Row[]
    ).map(toRolloutDevice);
  }

  async waitingRolloutDevices(rolloutId: string, limit: number): Promise<RolloutDevice[]> {
    return (
      this.stmt(
        "SELECT * FROM rollout_devices WHERE rollout_id = ? AND state = 'waiting' ORDER BY position LIMIT ?",
      ).all(rolloutId, limit) as Row[]
    ).map(toRolloutDevice);
  }

  async settleRolloutDevices(
    rolloutId: string,
    sns: string[],
    state: 'skipped' | 'cancelled',
    reason: string,
  ): Promise<void> {
    const update = this.stmt(
      "UPDATE rollout_devices SET state = ?, reason = ? WHERE rollout_id = ? AND sn = ? AND state = 'waiting'",
    );
    this.db.transaction(() => {
      for (const sn of sns) update.run(state, reason, rolloutId, sn);
    })();
  }

  // --- verification-code locks ------------------------------------------------------------------

  async recordVerifyFailure(sn: string, now: number, limit: number, lockMs: number): Promise<number | null> {
    return this.db.transaction(() => {
      const r = this.stmt('SELECT failures, locked_until FROM verify_failures WHERE sn = ?').get(sn) as Row | undefined;
      // A lock that has run out starts the count afresh.
      const failures =
        (r && Number(r.locked_until) <= now && Number(r.locked_until) > 0 ? 0 : Number(r?.failures ?? 0)) + 1;
      const lockedUntil = failures >= limit ? now + lockMs : 0;
      this.stmt(
        `INSERT INTO verify_failures (sn, failures, locked_until) VALUES (?, ?, ?)
         ON CONFLICT(sn) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
      ).run(sn, lockedUntil ? 0 : failures, lockedUntil);
      return lockedUntil || null;
    })();
  }

  async verifyLockedUntil(sn: string, now: number): Promise<number | null> {
    const r = this.stmt('SELECT locked_until FROM verify_failures WHERE sn = ?').get(sn) as Row | undefined;
    const until = Number(r?.locked_until ?? 0);
    return until > now ? until : null;
  }

  async clearVerifyFailures(sn: string): Promise<void> {
    this.stmt('DELETE FROM verify_failures WHERE sn = ?').run(sn);
  }

  // --- leases -----------------------------------------------------------------------------------

  async acquireLease(name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
    const r = this.stmt(
      `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE leases.holder = excluded.holder OR leases.expires_at <= ?
       RETURNING holder`,
    ).get(name, holder, now + ttlMs, now);
    return r !== undefined;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    this.stmt('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder);
  }

  async claimNonces(claims: NonceClaim[], now: number): Promise<boolean[]> {
    return this.nonces.claim(claims, now);
  }

  async sweepNonces(now: number): Promise<number> {
    return this.nonces.sweep(now);
  }
}

/**
 * A storage failure people can act on, as a stable code with one line (a full disk, a read-only or
 * unreachable data directory); null for anything else.
 */
export function storageError(err: unknown, where: string): HwbindError | null {
  const code = String((err as { code?: string }).code ?? '');
  const reason = (err as Error).message?.split('\n')[0] ?? String(err);
  // PostgreSQL's (SQLSTATE): its disk is full; it cannot be reached, is shutting down or ended our session.
  if (code === '53100') return new HwbindError('storage_full', `the PostgreSQL server's disk is full: ${reason}`);
  if (/^(08...|57P0[1-3]|ECONNREFUSED)$/.test(code))
    return new HwbindError('storage_unavailable', `the PostgreSQL store cannot be used: ${reason}`);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC')
    return new HwbindError('storage_full', `the disk holding ${where} is full: nothing was stored`);
  if (/^(SQLITE_READONLY|SQLITE_CANTOPEN|SQLITE_PERM|SQLITE_IOERR|EACCES|EROFS|EPERM|ENOTDIR)/.test(code))
    return new HwbindError('storage_unavailable', `the data directory ${where} cannot be used: ${reason}`);
  return null;
}

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_CONSTRAINT_UNIQUE') || code.startsWith('SQLITE_CONSTRAINT_PRIMARYKEY');
}

function uniqueConflict(err: unknown, message: string, details?: Record<string, unknown>): unknown {
  const code = (err as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_CONSTRAINT_PRIMARYKEY') || code.startsWith('SQLITE_CONSTRAINT_UNIQUE')) {
    return new HwbindError('conflict', message, details);
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
    return new HwbindError('not_found', 'a referenced model or batch does not exist');
  return err;
}
