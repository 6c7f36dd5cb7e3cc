// Online backup of a live SQLite file (internal to src/store).
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

}  // namespace warmcity::store
