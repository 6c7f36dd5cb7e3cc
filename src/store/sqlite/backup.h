// Online backup of a live SQLite file, and syncing a directory after renames
// in it (for backup sets, src/app/backup_set.h).
#pragma once

#include <string>

#include "core/status.h"

namespace warmcity::store {

// Copies the database at `source` into `file` with SQLite's online backup API,
// through a connection of its own, in one read transaction (so the copy is
// one consistent moment, and the writer is not blocked under WAL). Writes
// `file` + ".tmp", checks it with PRAGMA integrity_check, syncs it and renames
// it over `file`. On failure `file` is untouched and the .tmp removed.
Status online_backup(const std::string& source, const std::string& file, int busy_timeout_ms);

// fsync(2) of a directory, so that renames and new names in it are durable.
Status sync_directory(const std::string& dir);

}  // namespace warmcity::store
