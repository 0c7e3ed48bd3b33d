// Versioned schema migrations for the embedded store. Each runs once, in order, in a transaction;
// PRAGMA user_version records how far a data directory has come. Never edit a published step: add one.

export const MIGRATIONS: readonly string[] = [
  // 1: registry and directory
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE models (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, vendor TEXT NOT NULL, capabilities TEXT NOT NULL,
    vendor_key TEXT, created_at INTEGER NOT NULL
  );
  CREATE TABLE batches (
    id TEXT PRIMARY KEY, model_id TEXT NOT NULL REFERENCES models(id), seed TEXT NOT NULL, created_at INTEGER NOT NULL
  );
  CREATE TABLE devices (
    sn TEXT PRIMARY KEY, secret TEXT NOT NULL, model_id TEXT NOT NULL REFERENCES models(id),
    batch_id TEXT REFERENCES batches(id), remark TEXT, disabled INTEGER NOT NULL DEFAULT 0,
    firmware_version TEXT, slots TEXT NOT NULL DEFAULT '[]', capabilities TEXT NOT NULL DEFAULT '[]',
    online INTEGER NOT NULL DEFAULT 0, last_seen INTEGER, created_at INTEGER NOT NULL
  );
  CREATE INDEX devices_model ON devices(model_id);
  CREATE TABLE corps (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, member_binding INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL
  );
  CREATE TABLE departments (
    corp_id TEXT NOT NULL REFERENCES corps(id), id TEXT NOT NULL, name TEXT NOT NULL, parent_id TEXT,
    PRIMARY KEY (corp_id, id)
  );
  CREATE TABLE members (
    corp_id TEXT NOT NULL REFERENCES corps(id), userid TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL,
    can_bind INTEGER NOT NULL, departments TEXT NOT NULL, visibility TEXT NOT NULL,
    PRIMARY KEY (corp_id, userid)
  );
  CREATE TABLE apps (
    corp_id TEXT NOT NULL REFERENCES corps(id), id TEXT NOT NULL, name TEXT NOT NULL, admins TEXT NOT NULL,
    PRIMARY KEY (corp_id, id)
  );
  `,
  // 2: device nonces seen inside the credential window, so a replay is refused after a restart
  `
  CREATE TABLE nonces (
    sn TEXT NOT NULL, nonce TEXT NOT NULL, expires_at INTEGER NOT NULL,
    PRIMARY KEY (sn, nonce)
  ) WITHOUT ROWID;
  CREATE INDEX nonces_expiry ON nonces(expires_at);
  `,
];
