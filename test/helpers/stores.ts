// Store tests run against both stores: the embedded SQLite one and PostgreSQL (a fresh database on
// the run's server, test/helpers/pg-server.ts).
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { PostgresStore } from '../../gateway/store/postgres.js';
import { SqliteStore } from '../../gateway/store/sqlite.js';
import type { Store } from '../../gateway/store/types.js';
import { tempDir } from './processes.js';

export type StoreKind = 'sqlite' | 'postgres';
export const STORE_KINDS: StoreKind[] = ['sqlite', 'postgres'];

let databases = 0;

/** A new, empty database on the run's PostgreSQL server; answers its URL. */
export async function pgDatabase(): Promise<string> {
  const name = `t${process.pid}_${++databases}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: inject('pgUrl') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(inject('pgUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestStore {
  store: Store;
  /** Where it lives: a data directory (SQLite) or a database URL (PostgreSQL). */
  where: string;
  /** The `--data`/`--store` arguments a CLI or gateway on this store takes (after `store` is closed). */
  args: string[];
  /** Another connection to the same store: it sees only what was committed. */
  open(): Promise<Store>;
}

/**
 * A migrated store of that kind. `memory`: SQLite in memory (no other connection can open it), a
 * PostgreSQL store without a nonce journal file.
 */
export async function freshStore(kind: StoreKind, opts: { memory?: boolean } = {}): Promise<TestStore> {
  const dir = tempDir('hwbind-store-');
  if (kind === 'sqlite') {
    const where = opts.memory ? ':memory:' : dir;
    const open = async () => {
      const s = new SqliteStore(where);
      await s.migrate();
      return s;
    };
    return { store: await open(), where, args: ['--data', dir], open };
  }
  const url = await pgDatabase();
  const open = async () => {
    const s = new PostgresStore(url, opts.memory ? null : join(dir, 'nonces.log'));
    await s.migrate();
    return s;
  };
  return { store: await open(), where: url, args: ['--data', dir, '--store', url], open };
}
