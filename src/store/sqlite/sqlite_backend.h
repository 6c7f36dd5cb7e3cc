// The SQLite engine behind a Database: one file, WAL, one read-write
// connection (the writer's) and a read-only one per reader thread.
#pragma once

#include <memory>

#include "core/status.h"
#include "store/backend.h"
#include "store/database.h"

namespace warmcity::store {

// Checks that Options::path names a file in an existing directory.
Result<std::unique_ptr<Backend>> make_sqlite_backend(const Options& options);

}  // namespace warmcity::store
