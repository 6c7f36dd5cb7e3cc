// Schema migrations, applied by Database::open (internal to src/store).
//
// schema_migrations(module, version, applied_at) records what has been
// applied. apply_migrations() checks the list (per module: versions >= 1 and
// strictly increasing in the order given), refuses a database that already
// holds a version of a listed module newer than the list knows (a downgrade),
// then applies each missing migration in the order given, each in its own
// transaction (Connection::begin_schema_change) together with its
// schema_migrations row.
// Modules the list does not mention are left alone.
#pragma once

#include <vector>

#include "core/status.h"
#include "store/connection.h"
#include "store/database.h"

namespace warmcity::store {

// REQUIRES: `conn` is a read-write connection with no open transaction.
Status apply_migrations(Connection& conn, const std::vector<Migration>& migrations);

}  // namespace warmcity::store
