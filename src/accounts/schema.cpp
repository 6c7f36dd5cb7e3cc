// The accounts tables, in the dialect both engines run (schema tokens:
// store/schema_sql.h). Times are unix seconds (UTC) in BIGINT columns, except
// login_failures' *_ms columns (unix milliseconds).
//
// Versions 1–4 were first written in SQLite's own spellings (INTEGER types,
// a case-blind collation on username, rowid-less tables, a JSON check);
// their text now gives a new database the equivalent portable schema, and
// version 5 moves username's case-blind uniqueness to an index on
// lower(username) for databases made before. Version 6 makes audit_log
// append-only.
#include "accounts/accounts.h"

namespace warmcity::accounts {

std::vector<store::Migration> migrations() {
  return {
      {"accounts", 1, R"sql(
CREATE TABLE organisations (
  id {{id}},
  kind TEXT NOT NULL CHECK (kind IN
    ('department', 'keeper', 'community', 'subdistrict', 'grid', 'volunteer_team')),
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX organisations_kind ON organisations (kind, id);

CREATE TABLE users (
  id {{id}},
  username TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN
    ('resident', 'worker', 'volunteer', 'keeper', 'department', 'admin')),
  password_hash TEXT NOT NULL,
  phone TEXT,
  disabled BIGINT NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX users_role ON users (role, id);

CREATE TABLE memberships (
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  organisation_id BIGINT NOT NULL REFERENCES organisations (id),
  PRIMARY KEY (user_id, organisation_id)
) {{without_rowid}};
CREATE INDEX memberships_organisation ON memberships (organisation_id, user_id);

CREATE TABLE sessions (
  id {{id}},
  token_hash TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT,
  client_address TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id, expires_at);

CREATE TABLE audit_log (
  id {{id}},
  at BIGINT NOT NULL,
  actor_user_id BIGINT,
  action TEXT NOT NULL,
  subject_type TEXT NOT NULL DEFAULT '',
  subject_id TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '{}' {{json_check:detail}},
  client_address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_at ON audit_log (at);
CREATE INDEX audit_actor ON audit_log (actor_user_id, id);
CREATE INDEX audit_action ON audit_log (action, id);
CREATE INDEX audit_subject ON audit_log (subject_type, subject_id, id);
)sql"},
      // The area (community, sub-district or grid) an organisation serves:
      // its workers act on that area's appeals only (issue 11).
      {"accounts", 2, R"sql(
ALTER TABLE organisations ADD COLUMN area_id BIGINT;
CREATE INDEX organisations_area ON organisations (area_id);
)sql"},
      // Login throttling counters (throttle.h), so that a restart keeps the
      // delays. key: 'a <address> <username>' or 'n <network>'. Times are
      // unix milliseconds (the first delay is one second).
      {"accounts", 3, R"sql(
CREATE TABLE login_failures (
  key TEXT PRIMARY KEY,
  failures BIGINT NOT NULL,
  last_at_ms BIGINT NOT NULL,
  blocked_until_ms BIGINT NOT NULL DEFAULT 0
) {{without_rowid}};
CREATE INDEX login_failures_last_at ON login_failures (last_at_ms);
)sql"},
      // Residents sign in with their mobile number and a one-time code
      // (resident_store.h): the codes sent, kept a day for the rate limits
      // (per number, per client network), as a salted SHA-256, never in clear.
      // A resident is found by phone among the residents.
      {"accounts", 4, R"sql(
CREATE TABLE resident_codes (
  id {{id}},
  phone TEXT NOT NULL,
  network TEXT NOT NULL,
  code_salt TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  used_at BIGINT
);
CREATE INDEX resident_codes_phone ON resident_codes (phone, id);
CREATE INDEX resident_codes_network ON resident_codes (network, created_at);
CREATE INDEX resident_codes_created ON resident_codes (created_at);
CREATE INDEX users_resident_phone ON users (phone, id) WHERE role = 'resident';
)sql"},
      // Usernames are unique and found without regard to ASCII case through
      // lower(username) (user_store.h), which both engines index. A database
      // made before keeps its old case-blind unique column as well: the two
      // agree, since SQLite's lower() and its NOCASE collation fold ASCII only.
      {"accounts", 5, R"sql(
CREATE UNIQUE INDEX users_username_lower ON users (lower(username));
)sql"},
      // The audit log is appended to, never changed (audit.h): both engines
      // refuse an UPDATE or a DELETE on it. Deleting a resident leaves their
      // entries as they were (resident_store.h); nothing prunes the log.
      {"accounts", 6, R"sql(
{{append_only:audit_log}};
)sql"},
  };
}

}  // namespace warmcity::accounts
