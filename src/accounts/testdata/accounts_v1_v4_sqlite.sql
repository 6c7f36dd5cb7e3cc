-- The accounts schema as migrations v1-v4 made it before issue #14, in SQLite's
-- own spellings. migration_test.cpp opens a database made with it and checks
-- that v5 upgrades it (usernames stay unique and found in any ASCII case).
-- @version 1
CREATE TABLE organisations (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN
    ('department', 'keeper', 'community', 'subdistrict', 'grid', 'volunteer_team')),
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX organisations_kind ON organisations (kind, id);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL COLLATE NOCASE UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN
    ('resident', 'worker', 'volunteer', 'keeper', 'department', 'admin')),
  password_hash TEXT NOT NULL,
  phone TEXT,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX users_role ON users (role, id);

CREATE TABLE memberships (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  PRIMARY KEY (user_id, organisation_id)
) WITHOUT ROWID;
CREATE INDEX memberships_organisation ON memberships (organisation_id, user_id);

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER,
  client_address TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id, expires_at);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_user_id INTEGER,
  action TEXT NOT NULL,
  subject_type TEXT NOT NULL DEFAULT '',
  subject_id TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
  client_address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_at ON audit_log (at);
CREATE INDEX audit_actor ON audit_log (actor_user_id, id);
CREATE INDEX audit_action ON audit_log (action, id);
CREATE INDEX audit_subject ON audit_log (subject_type, subject_id, id);
-- @version 2
ALTER TABLE organisations ADD COLUMN area_id INTEGER;
CREATE INDEX organisations_area ON organisations (area_id);
-- @version 3
CREATE TABLE login_failures (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_at_ms INTEGER NOT NULL,
  blocked_until_ms INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX login_failures_last_at ON login_failures (last_at_ms);
-- @version 4
CREATE TABLE resident_codes (
  id INTEGER PRIMARY KEY,
  phone TEXT NOT NULL,
  network TEXT NOT NULL,
  code_salt TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  used_at INTEGER
);
CREATE INDEX resident_codes_phone ON resident_codes (phone, id);
CREATE INDEX resident_codes_network ON resident_codes (network, created_at);
CREATE INDEX resident_codes_created ON resident_codes (created_at);
CREATE INDEX users_resident_phone ON users (phone, id) WHERE role = 'resident';
