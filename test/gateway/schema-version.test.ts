// A data directory, or a PostgreSQL store, written by a newer hwbind (its schema version is beyond
// this one's): the gateway and the offline commands refuse it with one line naming both versions, and
// leave it as it was.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../gateway/store/migrations.js';
import { PG_MIGRATIONS } from '../../gateway/store/pg-migrations.js';
import { runInProcess } from '../helpers/cli-in-process.js';
import { cli, tempDir } from '../helpers/processes.js';
import { pgDatabase } from '../helpers/stores.js';

/** Every file of the directory with a digest of its content. */
const snapshot = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(join(dir, f)))
          .digest('hex'),
      ]),
  );

describe('a data directory with a newer schema', () => {
  it('is refused with one clear line by the gateway and the offline commands, and left unchanged', async () => {
    const data = tempDir();
    const addModel = (id: string) => [
      'vendor',
      'model',
      'add',
      '--data',
      data,
      '--id',
      id,
      '--name',
      'T',
      '--capabilities',
      'face',
    ];
    const added = await runInProcess(addModel('T1'));
    expect(added.code, added.stderr).toBe(0);
    const newer = MIGRATIONS.length + 1;
    const db = new Database(join(data, 'hwbind.db'));
    db.pragma(`user_version = ${newer}`);
    db.close();
    const before = snapshot(data);
    const line = `hwbind: conflict: data directory schema v${newer} is newer than this hwbind (v${MIGRATIONS.length})`;

    const offline = await runInProcess(addModel('T2'));
    expect(offline).toMatchObject({ code: 1, stdout: '' });
    expect(offline.stderr).toBe(`${line}\n`);
    const gateway = cli([
      'gateway',
      '--data',
      data,
      '--host',
      '127.0.0.1',
      '--mqtt-port',
      '0',
      '--http-port',
      '0',
      '--mqtt-tls-port',
      '0',
    ]);
    expect(gateway.code).toBe(1);
    expect(gateway.stderr).toBe(`${line}\n`);
    expect(snapshot(data)).toEqual(before);
  });

  it('on PostgreSQL likewise: refused by the gateway and the offline commands, the database unchanged', async () => {
    const store = await pgDatabase();
    const addModel = (id: string) => [
      ...['vendor', 'model', 'add', '--store', store, '--id', id, '--name', 'T', '--capabilities', 'face'],
    ];
    const added = await runInProcess(addModel('T1'));
    expect(added.code, added.stderr).toBe(0);
    const newer = PG_MIGRATIONS.length + 1;
    const db = new pg.Client({ connectionString: store });
    await db.connect();
    try {
      await db.query('INSERT INTO schema_version (version) VALUES ($1)', [newer]);
      const contents = async () => ({
        versions: (await db.query('SELECT version FROM schema_version ORDER BY version')).rows,
        models: (await db.query('SELECT id FROM models ORDER BY id')).rows,
      });
      const before = await contents();
      const line = `hwbind: conflict: PostgreSQL store schema v${newer} is newer than this hwbind (v${PG_MIGRATIONS.length})`;

      const offline = await runInProcess(addModel('T2'));
      expect(offline).toMatchObject({ code: 1, stdout: '' });
      expect(offline.stderr).toBe(`${line}\n`);
      const gateway = cli([
        ...['gateway', '--data', tempDir(), '--store', store, '--host', '127.0.0.1'],
        ...['--mqtt-port', '0', '--http-port', '0', '--mqtt-tls-port', '0'],
      ]);
      expect(gateway.code).toBe(1);
      expect(gateway.stderr).toBe(`${line}\n`);
      expect(await contents()).toEqual(before);
    } finally {
      await db.end();
    }
  });
});
