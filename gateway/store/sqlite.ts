// The embedded store: SQLite through better-sqlite3, WAL journal, synchronous=FULL so that a commit
// the gateway has acknowledged survives a crash or a power cut.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { HwbindError } from '../../protocol/errors.js';
import { MIGRATIONS } from './migrations.js';
import type {
  Batch,
  Corp,
  Device,
  DeviceReport,
  Directory,
  Member,
  Model,
  NonceClaim,
  PresenceUpdate,
  Store,
} from './types.js';

type Row = Record<string, unknown>;

const json = <T>(text: unknown): T => JSON.parse(String(text)) as T;

function toModel(r: Row): Model {
  return {
    id: String(r.id),
    name: String(r.name),
    vendor: String(r.vendor),
    capabilities: json(r.capabilities),
    vendorKey: (r.vendor_key as string | null) ?? null,
    createdAt: Number(r.created_at),
  };
}

function toDevice(r: Row): Device {
  return {
    sn: String(r.sn),
    secret: String(r.secret),
    modelId: String(r.model_id),
    batchId: (r.batch_id as string | null) ?? null,
    remark: (r.remark as string | null) ?? null,
    disabled: r.disabled === 1,
    firmwareVersion: (r.firmware_version as string | null) ?? null,
    slots: json(r.slots),
    capabilities: json(r.capabilities),
    online: r.online === 1,
    lastSeen: (r.last_seen as number | null) ?? null,
    createdAt: Number(r.created_at),
  };
}

const toCorp = (r: Row): Corp => ({
  id: String(r.id),
  name: String(r.name),
  memberBinding: r.member_binding === 1,
  createdAt: Number(r.created_at),
});

const toMember = (r: Row): Member => ({
  userid: String(r.userid),
  name: String(r.name),
  role: r.role as Member['role'],
  canBindDevices: r.can_bind === 1,
  departments: json(r.departments),
  visibility: json(r.visibility),
});

export class SqliteStore implements Store {
  readonly db: Database.Database;

  /** Opens (creating if needed) `hwbind.db` in `dataDir`; ':memory:' for a throwaway store. */
  constructor(dataDir: string) {
    if (dataDir === ':memory:') {
      this.db = new Database(':memory:');
    } else {
      mkdirSync(dataDir, { recursive: true });
      this.db = new Database(join(dataDir, 'hwbind.db'));
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
  }

  private readonly statements = new Map<string, Database.Statement>();

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
    const current = Number(this.db.pragma('user_version', { simple: true }));
    if (current > MIGRATIONS.length) {
      throw new HwbindError(
        'conflict',
        `data directory schema v${current} is newer than this hwbind (v${MIGRATIONS.length})`,
      );
    }
    for (let v = current; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  async close(): Promise<void> {
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
    try {
      this.db.transaction(() => {
        for (const d of devices) {
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
    } catch (err) {
      throw uniqueConflict(err, `device ${current} is already registered`, { sn: current });
    }
  }

  async getDevice(sn: string): Promise<Device | null> {
    const r = this.stmt('SELECT * FROM devices WHERE sn = ?').get(sn) as Row | undefined;
    return r ? toDevice(r) : null;
  }

  async listDevices(opts: { modelId?: string; limit?: number; offset?: number } = {}): Promise<Device[]> {
    const limit = opts.limit ?? 1000;
    const offset = opts.offset ?? 0;
    const rows = opts.modelId
      ? this.stmt('SELECT * FROM devices WHERE model_id = ? ORDER BY sn LIMIT ? OFFSET ?').all(
          opts.modelId,
          limit,
          offset,
        )
      : this.stmt('SELECT * FROM devices ORDER BY sn LIMIT ? OFFSET ?').all(limit, offset);
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
    const stmt = this.stmt('UPDATE devices SET online = ?, last_seen = ? WHERE sn = ?');
    this.db.transaction(() => {
      for (const u of updates) stmt.run(u.online ? 1 : 0, u.lastSeen, u.sn);
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

  async claimNonces(claims: NonceClaim[], now: number): Promise<boolean[]> {
    // An expired row is taken over; an unexpired one is left as it is, and the claim refused.
    const claim = this.stmt(
      `INSERT INTO nonces (sn, nonce, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (sn, nonce) DO UPDATE SET expires_at = excluded.expires_at WHERE nonces.expires_at <= ?`,
    );
    return this.db.transaction(() => claims.map((c) => claim.run(c.sn, c.nonce, c.expiresAt, now).changes === 1))();
  }

  async sweepNonces(now: number): Promise<number> {
    return this.stmt('DELETE FROM nonces WHERE expires_at <= ?').run(now).changes;
  }
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
