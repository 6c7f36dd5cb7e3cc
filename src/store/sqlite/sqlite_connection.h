// The SQLite engine's connection (src/store/sqlite/; modules never include it).
//
// One sqlite3 handle opened with SQLITE_OPEN_NOMUTEX: the store's rule of one
// connection per thread at a time makes SQLite's own mutexes redundant.
// kReadWrite connections run in WAL mode with synchronous=FULL (a COMMIT that
// returned is on disk) and checkpoint the log on a thread of their own
// (wal_checkpointer.h); every connection has foreign keys on and a busy
// timeout.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/connection.h"

struct sqlite3;

namespace warmcity::store {

// Opens (creating for kReadWrite) the database file.
Result<std::unique_ptr<Connection>> open_sqlite(const std::string& path, Connection::Mode mode,
                                                int busy_timeout_ms = 5000);

// The sqlite3 handle of a connection open_sqlite() made, for SQLite-only
// work inside src/store/sqlite/ (online backup). nullptr for any other.
sqlite3* sqlite_handle(Connection& conn);

// The log checkpoints a kReadWrite connection's own thread has run
// (wal_checkpointer.h); 0 for any other connection.
int64_t background_checkpoints(Connection& conn);

// Maps a SQLite result code to a Status (constraint → kConflict,
// busy/locked/full/io → kUnavailable, anything else kInternal).
Status sqlite_status(int rc, sqlite3* db, std::string_view what);

}  // namespace warmcity::store
