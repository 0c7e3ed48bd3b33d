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
  // 2: bindings, the device outbox, notifications, webhook deliveries, verification-code locks
  `
  ALTER TABLE corps ADD COLUMN webhook TEXT;
  CREATE TABLE bindings (
    id TEXT PRIMARY KEY, sn TEXT NOT NULL REFERENCES devices(sn), corp_id TEXT NOT NULL REFERENCES corps(id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'removed')), bound_by TEXT NOT NULL,
    bound_by_role TEXT NOT NULL, usable_range TEXT NOT NULL, apps TEXT NOT NULL, notice_id TEXT NOT NULL,
    created_at INTEGER NOT NULL, activated_at INTEGER, removed_at INTEGER, removed_by TEXT
  );
  CREATE UNIQUE INDEX bindings_one_live ON bindings(sn) WHERE status != 'removed';
  CREATE INDEX bindings_corp ON bindings(corp_id, status);
  CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, sn TEXT NOT NULL, topic TEXT NOT NULL,
    purpose TEXT NOT NULL, payload BLOB NOT NULL, created_at INTEGER NOT NULL
  );
  CREATE INDEX outbox_sn ON outbox(sn, seq);
  CREATE TABLE notifications (
    id TEXT PRIMARY KEY, corp_id TEXT NOT NULL, userid TEXT NOT NULL, kind TEXT NOT NULL, sn TEXT NOT NULL,
    text TEXT NOT NULL, link TEXT NOT NULL, created_at INTEGER NOT NULL, read INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX notifications_person ON notifications(corp_id, userid, created_at);
  CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY, corp_id TEXT NOT NULL, url TEXT NOT NULL, body TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, delivered_at INTEGER, last_error TEXT,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX webhook_due ON webhook_deliveries(next_attempt_at) WHERE delivered_at IS NULL;
  CREATE TABLE verify_failures (
    sn TEXT PRIMARY KEY, failures INTEGER NOT NULL, locked_until INTEGER NOT NULL DEFAULT 0
  );
  `,
  // 3: device nonces seen inside the credential window, so a replay is refused after a restart
  `
  CREATE TABLE nonces (
    sn TEXT NOT NULL, nonce TEXT NOT NULL, expires_at INTEGER NOT NULL,
    PRIMARY KEY (sn, nonce)
  ) WITHOUT ROWID;
  CREATE INDEX nonces_expiry ON nonces(expires_at);
  `,
  // 4: usable-range directories of devices, attendance/access records
  `
  CREATE TABLE device_directories (
    sn TEXT PRIMARY KEY REFERENCES devices(sn), binding_id TEXT, corp_id TEXT, version INTEGER NOT NULL,
    users TEXT NOT NULL
  );
  CREATE TABLE records (
    sn TEXT NOT NULL, seq INTEGER NOT NULL, corp_id TEXT NOT NULL, binding_id TEXT NOT NULL,
    userid TEXT NOT NULL, ts INTEGER NOT NULL, direction INTEGER NOT NULL, method INTEGER NOT NULL,
    card_no TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('stored', 'refused')), reason TEXT,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (sn, seq)
  ) WITHOUT ROWID;
  CREATE INDEX records_corp ON records(corp_id, ts, sn, seq);
  CREATE INDEX records_binding ON records(binding_id, ts, sn, seq);
  CREATE INDEX records_person ON records(corp_id, userid, ts, sn, seq);
  `,
  // 5: face/fingerprint enrollments, the templates they produce (per corp, vendor, person and kind),
  // and the templates each device holds under its binding (what TemplateSync told it)
  `
  CREATE TABLE enrollments (
    id TEXT PRIMARY KEY, corp_id TEXT NOT NULL, sn TEXT NOT NULL, userid TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('face', 'fingerprint')),
    status TEXT NOT NULL CHECK (status IN ('requested', 'capturing', 'completed', 'failed', 'cancelled', 'timed_out')),
    percent INTEGER NOT NULL DEFAULT 0, samples INTEGER NOT NULL DEFAULT 0, samples_required INTEGER NOT NULL,
    hint TEXT NOT NULL DEFAULT '', code TEXT, requested_by TEXT NOT NULL, timeout_s INTEGER NOT NULL,
    deadline_at INTEGER NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, ended_at INTEGER,
    template_algorithm TEXT, template_sha256 TEXT
  );
  CREATE UNIQUE INDEX enrollments_one_running ON enrollments(sn) WHERE status IN ('requested', 'capturing');
  CREATE INDEX enrollments_device ON enrollments(sn, created_at);
  CREATE TABLE templates (
    corp_id TEXT NOT NULL, vendor TEXT NOT NULL, userid TEXT NOT NULL, kind TEXT NOT NULL, idx INTEGER NOT NULL,
    algorithm TEXT NOT NULL, data BLOB NOT NULL, sha256 TEXT NOT NULL, source_sn TEXT NOT NULL,
    enrollment_id TEXT NOT NULL, updated_at INTEGER NOT NULL,
    PRIMARY KEY (corp_id, vendor, userid, kind)
  );
  CREATE TABLE held_templates (
    sn TEXT NOT NULL, binding_id TEXT NOT NULL, userid TEXT NOT NULL, kind TEXT NOT NULL, sha256 TEXT NOT NULL,
    PRIMARY KEY (sn, userid, kind)
  );
  `,
  // 6: nonces moved to their own journal file beside the database (nonce-journal.ts), where a claim's
  // disk sync does not block the event loop; the store copies the unexpired rows there first
  `
  DROP TABLE nonces;
  `,
  // 7: the firmware catalog (images are files under firmware/, named by their SHA-256), versions an
  // enterprise retired for its devices, upgrade jobs (one live per device), rollouts and their devices
  `
  CREATE TABLE firmware (
    model_id TEXT NOT NULL REFERENCES models(id), version TEXT NOT NULL, size INTEGER NOT NULL,
    sha256 TEXT NOT NULL, payload_sha256 TEXT NOT NULL, test INTEGER NOT NULL, build_time INTEGER NOT NULL,
    release_notes TEXT NOT NULL, published_at INTEGER NOT NULL, retired_at INTEGER,
    PRIMARY KEY (model_id, version)
  );
  CREATE TABLE firmware_corp_retired (
    corp_id TEXT NOT NULL, model_id TEXT NOT NULL, version TEXT NOT NULL, retired_at INTEGER NOT NULL,
    retired_by TEXT NOT NULL,
    PRIMARY KEY (corp_id, model_id, version)
  );
  CREATE TABLE firmware_jobs (
    id TEXT PRIMARY KEY, sn TEXT NOT NULL, corp_id TEXT NOT NULL, binding_id TEXT NOT NULL, model_id TEXT NOT NULL,
    version TEXT NOT NULL, from_version TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
    chunk_size INTEGER NOT NULL, allow_downgrade INTEGER NOT NULL, offer_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'downloading', 'verifying', 'applying', 'rebooting',
      'succeeded', 'failed', 'rolled_back', 'cancelled')),
    code TEXT, message TEXT, bytes_done INTEGER NOT NULL DEFAULT 0, requested_by TEXT NOT NULL, rollout_id TEXT,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, started_at INTEGER, ended_at INTEGER
  );
  CREATE UNIQUE INDEX firmware_jobs_one_live ON firmware_jobs(sn)
    WHERE state IN ('queued', 'downloading', 'verifying', 'applying', 'rebooting');
  CREATE INDEX firmware_jobs_device ON firmware_jobs(sn, created_at);
  CREATE INDEX firmware_jobs_rollout ON firmware_jobs(rollout_id) WHERE rollout_id IS NOT NULL;
  CREATE TABLE rollouts (
    id TEXT PRIMARY KEY, model_id TEXT NOT NULL, version TEXT NOT NULL, target TEXT NOT NULL, rate TEXT NOT NULL,
    abort_ratio REAL, abort_min INTEGER NOT NULL, allow_downgrade INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('running', 'paused', 'aborted', 'completed')), reason TEXT,
    wave INTEGER NOT NULL DEFAULT 0, next_start_at INTEGER NOT NULL, created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, ended_at INTEGER
  );
  CREATE TABLE rollout_devices (
    rollout_id TEXT NOT NULL REFERENCES rollouts(id), sn TEXT NOT NULL, position INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('waiting', 'started', 'skipped', 'cancelled')), wave INTEGER,
    job_id TEXT, reason TEXT,
    PRIMARY KEY (rollout_id, sn)
  );
  CREATE INDEX rollout_devices_order ON rollout_devices(rollout_id, state, position);
  `,
];
