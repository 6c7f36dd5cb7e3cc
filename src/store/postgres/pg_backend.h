// The PostgreSQL engine behind a Database (src/store/postgres/README.md).
//
// Options::path is a postgresql:// (or postgres://) URL. The writer gets one
// read-write connection, each reader thread a read-only one
// (default_transaction_read_only); all of them connect with a timeout of a
// few seconds and the settings in pg_session.h. Options::busy_timeout_ms
// becomes lock_timeout (how long a statement waits for a lock, as SQLite's
// busy timeout). backup_to() refuses: pg_dump does that job for PostgreSQL.
#pragma once

#include <memory>

#include "core/status.h"
#include "store/backend.h"
#include "store/database.h"

namespace warmcity::store {

// Checks the URL (kInvalidArgument naming it without its password) and
// connects once to check that the server, the password and the database are
// right: kUnavailable when the server cannot be reached, kInvalidArgument
// when it refuses (wrong password, unknown role, missing database), each a
// one-line message naming the URL without its password.
Result<std::unique_ptr<Backend>> make_postgres_backend(const Options& options);

}  // namespace warmcity::store
