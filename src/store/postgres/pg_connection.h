// The PostgreSQL engine's connection (src/store/postgres/; modules never
// include it), on Debian's libpqxx 6.4.
//
// Statements are prepared on the server once per connection (named wc1,
// wc2… on that connection) and cached by the base class by their SQL text;
// `?`/`?N` become `$N` (pg_sql.h). Parameters travel as text with no type
// given — the server infers each from where it stands — in one libpq
// PQexecPrepared (one round trip, however many parameters; held-back
// SAVEPOINTs and RELEASEs go along in one pipeline, pg_session.h): integers
// and doubles in their shortest exact text, blobs as bytea hex (\x…), NULL as
// a null pointer. A text holding a NUL byte is refused at
// step() (kInvalidArgument): PostgreSQL's text cannot hold one, and libpq
// would silently cut it there. Rows come back as text and are parsed on read
// (pg_values.h): column_int64 reads integers, NUMERIC (SUM, AVG) and
// booleans; column_text decodes bytea columns to their bytes.
//
// Errors map by SQLSTATE (pg_status.h); connection loss and the transaction
// rules are the session's (pg_session.h). begin_write() is BEGIN;
// begin_schema_change() is BEGIN, no statement or lock timeout for the
// migration, and pg_advisory_xact_lock(kPgSchemaLockKey), so two instances
// starting at once migrate one after the other.
//
// Thread-safety: one thread at a time, like every store Connection.
#pragma once

#include <cstdint>
#include <memory>

#include "core/status.h"
#include "store/connection.h"
#include "store/postgres/pg_session.h"
#include "store/postgres/pg_url.h"

namespace warmcity::store {

// The advisory lock key migrations hold: "warmcity" read as a big-endian int64.
inline constexpr int64_t kPgSchemaLockKey = 8602282577399215225;

// Connects now: an unreachable server, a wrong password or a missing
// database fail here with pg_connect_status()'s one-line Status.
Result<std::unique_ptr<Connection>> open_postgres(const PgTarget& target, Connection::Mode mode,
                                                  const PgSessionOptions& options = {});

// The server process id behind a connection open_postgres() made, for tests
// (pg_terminate_backend) and logs; 0 for any other connection or when none is open.
int postgres_backend_pid(Connection& conn);

}  // namespace warmcity::store
