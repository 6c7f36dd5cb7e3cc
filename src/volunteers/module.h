// Volunteers (issue #20; docs/volunteers.md): what the app wires.
// volunteer_migrations() (volunteer_tables.h) after the accounts',
// activities' and eldercare's; one call registers every part's routes.
// No thread of its own.
#pragma once

#include <cstdint>
#include <functional>

#include "accounts/audit.h"
#include "http/router.h"
#include "store/database.h"
#include "volunteers/volunteer_tables.h"

namespace warmcity::volunteers {

// `now`: unix seconds (null: the real clock).
// REQUIRES: db and audit outlive the router's handlers.
void register_routes(http::Router& router, store::Database& db, accounts::AuditLog& audit,
                     std::function<int64_t()> now = nullptr);

}  // namespace warmcity::volunteers
