// Versioned schema migrations for the PostgreSQL store. Each runs once, in order, in a transaction;
// the schema_version table records how far a database has come. Never edit a published step: add one.
// Its history starts at the SQLite store's schema 8 (gateway/store/migrations.ts), in one step.
// Times are BIGINT Unix ms; text that is sorted or paged on is COLLATE "C", so that the order (and
// with it every paging cursor) is the byte order the SQLite store gives, whatever the server's locale;
// JSON (not JSONB) keeps a value as it was written, keys in their order, as the SQLite store's text does.

export const PG_MIGRATIONS: readonly string[] = [
  // 1: everything the embedded store holds at its schema 8 (nonces stay in their journal file), and
  // the firmware images, which the embedded store keeps as files only
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE models (
    id TEXT COLLATE "C" PRIMARY KEY, name TEXT NOT NULL, vendor TEXT NOT NULL, capabilities JSON NOT NULL,
    vendor_key TEXT, created_at BIGINT NOT NULL
  );
  CREATE TABLE batches (
    id TEXT COLLATE "C" PRIMARY KEY, model_id TEXT COLLATE "C" NOT NULL REFERENCES models(id), seed TEXT NOT NULL,
    created_at BIGINT NOT NULL
  );
  CREATE TABLE devices (
    sn TEXT COLLATE "C" PRIMARY KEY, secret TEXT NOT NULL, model_id TEXT COLLATE "C" NOT NULL REFERENCES models(id),
    batch_id TEXT COLLATE "C" REFERENCES batches(id), remark TEXT, disabled BOOLEAN NOT NULL DEFAULT false,
    firmware_version TEXT, slots JSON NOT NULL DEFAULT '[]', capabilities JSON NOT NULL DEFAULT '[]',
    online BOOLEAN NOT NULL DEFAULT false, last_seen BIGINT, created_at BIGINT NOT NULL
  );
  -- SNs are unique whatever their case (callers store them upper-cased; this holds if one forgets).
  CREATE UNIQUE INDEX devices_sn_any_case ON devices (upper(sn));
  CREATE INDEX devices_model ON devices (model_id, sn);
  CREATE INDEX devices_online ON devices (sn) WHERE online;
  CREATE TABLE corps (
    id TEXT COLLATE "C" PRIMARY KEY, name TEXT NOT NULL, member_binding BOOLEAN NOT NULL DEFAULT false,
    created_at BIGINT NOT NULL, webhook JSON
  );
  CREATE TABLE departments (
    corp_id TEXT COLLATE "C" NOT NULL REFERENCES corps(id), id TEXT COLLATE "C" NOT NULL, name TEXT NOT NULL,
    parent_id TEXT, PRIMARY KEY (corp_id, id)
  );
  CREATE TABLE members (
    corp_id TEXT COLLATE "C" NOT NULL REFERENCES corps(id), userid TEXT COLLATE "C" NOT NULL, name TEXT NOT NULL,
    role TEXT NOT NULL, can_bind BOOLEAN NOT NULL, departments JSON NOT NULL, visibility JSON NOT NULL,
    PRIMARY KEY (corp_id, userid)
  );
  CREATE TABLE apps (
    corp_id TEXT COLLATE "C" NOT NULL REFERENCES corps(id), id TEXT COLLATE "C" NOT NULL, name TEXT NOT NULL,
    admins JSON NOT NULL, PRIMARY KEY (corp_id, id)
  );
  CREATE TABLE bindings (
    id TEXT COLLATE "C" PRIMARY KEY, sn TEXT COLLATE "C" NOT NULL REFERENCES devices(sn),
    corp_id TEXT COLLATE "C" NOT NULL REFERENCES corps(id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'removed')), bound_by TEXT NOT NULL,
    bound_by_role TEXT NOT NULL, usable_range JSON NOT NULL, apps JSON NOT NULL, notice_id TEXT NOT NULL,
    created_at BIGINT NOT NULL, activated_at BIGINT, removed_at BIGINT, removed_by TEXT
  );
  CREATE UNIQUE INDEX bindings_one_live ON bindings (sn) WHERE status != 'removed';
  CREATE INDEX bindings_corp ON bindings (corp_id, status, sn);
  CREATE TABLE outbox (
    seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, sn TEXT NOT NULL, topic TEXT NOT NULL,
    purpose TEXT NOT NULL, payload BYTEA NOT NULL, created_at BIGINT NOT NULL
  );
  CREATE INDEX outbox_sn ON outbox (sn, seq);
  CREATE TABLE notifications (
    id TEXT COLLATE "C" PRIMARY KEY, corp_id TEXT NOT NULL, userid TEXT NOT NULL, kind TEXT NOT NULL,
    sn TEXT NOT NULL, text TEXT NOT NULL, link TEXT NOT NULL, created_at BIGINT NOT NULL,
    read BOOLEAN NOT NULL DEFAULT false
  );
  CREATE INDEX notifications_person ON notifications (corp_id, userid, created_at);
  CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY, corp_id TEXT NOT NULL, url TEXT NOT NULL, body TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at BIGINT NOT NULL, delivered_at BIGINT, last_error TEXT,
    created_at BIGINT NOT NULL
  );
  CREATE INDEX webhook_due ON webhook_deliveries (next_attempt_at) WHERE delivered_at IS NULL;
  CREATE TABLE verify_failures (
    sn TEXT PRIMARY KEY, failures INTEGER NOT NULL, locked_until BIGINT NOT NULL DEFAULT 0
  );
  CREATE TABLE device_directories (
    sn TEXT PRIMARY KEY REFERENCES devices(sn), binding_id TEXT, corp_id TEXT, version BIGINT NOT NULL,
    users JSON NOT NULL
  );
  CREATE TABLE records (
    sn TEXT COLLATE "C" NOT NULL, seq BIGINT NOT NULL, corp_id TEXT COLLATE "C" NOT NULL,
    binding_id TEXT COLLATE "C" NOT NULL, userid TEXT COLLATE "C" NOT NULL, ts BIGINT NOT NULL,
    direction SMALLINT NOT NULL, method SMALLINT NOT NULL, card_no TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('stored', 'refused')), reason TEXT, received_at BIGINT NOT NULL,
    PRIMARY KEY (sn, seq)
  );
  CREATE INDEX records_corp ON records (corp_id, ts, sn, seq);
  CREATE INDEX records_binding ON records (binding_id, ts, sn, seq);
  CREATE INDEX records_person ON records (corp_id, userid, ts, sn, seq);
  CREATE TABLE enrollments (
    id TEXT COLLATE "C" PRIMARY KEY, corp_id TEXT NOT NULL, sn TEXT NOT NULL, userid TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('face', 'fingerprint')),
    status TEXT NOT NULL CHECK (status IN ('requested', 'capturing', 'completed', 'failed', 'cancelled', 'timed_out')),
    percent INTEGER NOT NULL DEFAULT 0, samples INTEGER NOT NULL DEFAULT 0, samples_required INTEGER NOT NULL,
    hint TEXT NOT NULL DEFAULT '', code TEXT, requested_by TEXT NOT NULL, timeout_s INTEGER NOT NULL,
    deadline_at BIGINT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, ended_at BIGINT,
    template_algorithm TEXT, template_sha256 TEXT
  );
  CREATE UNIQUE INDEX enrollments_one_running ON enrollments (sn) WHERE status IN ('requested', 'capturing');
  CREATE INDEX enrollments_device ON enrollments (sn, created_at);
  CREATE TABLE templates (
    corp_id TEXT NOT NULL, vendor TEXT NOT NULL, userid TEXT COLLATE "C" NOT NULL, kind TEXT COLLATE "C" NOT NULL,
    idx INTEGER NOT NULL, algorithm TEXT NOT NULL, data BYTEA NOT NULL, sha256 TEXT NOT NULL,
    source_sn TEXT NOT NULL, enrollment_id TEXT NOT NULL, updated_at BIGINT NOT NULL,
    PRIMARY KEY (corp_id, vendor, userid, kind)
  );
  CREATE TABLE held_templates (
    sn TEXT NOT NULL, binding_id TEXT NOT NULL, userid TEXT COLLATE "C" NOT NULL, kind TEXT COLLATE "C" NOT NULL,
    sha256 TEXT NOT NULL, PRIMARY KEY (sn, userid, kind)
  );
  CREATE TABLE firmware (
    model_id TEXT COLLATE "C" NOT NULL REFERENCES models(id), version TEXT COLLATE "C" NOT NULL,
    size BIGINT NOT NULL, sha256 TEXT NOT NULL, payload_sha256 TEXT NOT NULL, test BOOLEAN NOT NULL,
    build_time BIGINT NOT NULL, release_notes TEXT NOT NULL, published_at BIGINT NOT NULL, retired_at BIGINT,
    PRIMARY KEY (model_id, version)
  );
  -- The signed images themselves: every node relays from them (each keeps a file copy under its data directory).
  CREATE TABLE firmware_images (sha256 TEXT PRIMARY KEY, image BYTEA NOT NULL);
  CREATE TABLE firmware_corp_retired (
    corp_id TEXT NOT NULL, model_id TEXT COLLATE "C" NOT NULL, version TEXT COLLATE "C" NOT NULL,
    retired_at BIGINT NOT NULL, retired_by TEXT NOT NULL,
    PRIMARY KEY (corp_id, model_id, version)
  );
  CREATE TABLE firmware_jobs (
    id TEXT COLLATE "C" PRIMARY KEY, sn TEXT NOT NULL, corp_id TEXT NOT NULL, binding_id TEXT NOT NULL,
    model_id TEXT NOT NULL, version TEXT NOT NULL, from_version TEXT NOT NULL, sha256 TEXT NOT NULL,
    size BIGINT NOT NULL, chunk_size INTEGER NOT NULL, allow_downgrade BOOLEAN NOT NULL, offer_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'downloading', 'verifying', 'applying', 'rebooting',
      'succeeded', 'failed', 'rolled_back', 'cancelled')),
    code TEXT, message TEXT, bytes_done BIGINT NOT NULL DEFAULT 0, requested_by TEXT NOT NULL, rollout_id TEXT,
    created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, started_at BIGINT, ended_at BIGINT
  );
  CREATE UNIQUE INDEX firmware_jobs_one_live ON firmware_jobs (sn)
    WHERE state IN ('queued', 'downloading', 'verifying', 'applying', 'rebooting');
  CREATE INDEX firmware_jobs_device ON firmware_jobs (sn, created_at);
  CREATE INDEX firmware_jobs_rollout ON firmware_jobs (rollout_id) WHERE rollout_id IS NOT NULL;
  CREATE TABLE rollouts (
    id TEXT COLLATE "C" PRIMARY KEY, model_id TEXT NOT NULL, version TEXT NOT NULL, target JSON NOT NULL,
    rate JSON NOT NULL, abort_ratio DOUBLE PRECISION, abort_min INTEGER NOT NULL, allow_downgrade BOOLEAN NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('running', 'paused', 'aborted', 'completed')), reason TEXT,
    wave INTEGER NOT NULL DEFAULT 0, next_start_at BIGINT NOT NULL, created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, ended_at BIGINT
  );
  CREATE TABLE rollout_devices (
    rollout_id TEXT NOT NULL REFERENCES rollouts(id), sn TEXT NOT NULL, position INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('waiting', 'started', 'skipped', 'cancelled')), wave INTEGER,
    job_id TEXT, reason TEXT,
    PRIMARY KEY (rollout_id, sn)
  );
  CREATE INDEX rollout_devices_order ON rollout_devices (rollout_id, state, position);
  CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at BIGINT NOT NULL);
  `,
];
