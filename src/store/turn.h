// Work that must run on one instance at a time when several warmcity
// processes share a PostgreSQL database (docs/scaling.md): the appeals'
// escalation sweep now, later reminders and settlements.
//
// take_turn(c, name) inside a write job: true when this transaction may do
// the work named `name`. PostgreSQL: a transaction-scoped advisory lock
// (pg_try_advisory_xact_lock on a 64-bit key derived from the name, FNV-1a),
// held until the job's transaction ends, never waited for — another
// instance holding it means false. The work must still re-read its rows
// after taking its turn (READ COMMITTED: each statement sees every commit
// before it), so a sweep that runs right after another instance's finds
// that work done. SQLite: always true (one process serves a file).
//
// wait_turn(c, name) inside a write job: waits until no other transaction
// holds `name`, then holds it until this job's transaction ends
// (pg_advisory_xact_lock on the same key). For a short read-then-write that
// must see every other instance's commits first — one elder's meal slot and
// subsidy caps (canteens/order_service.h). A job rolled back to its savepoint
// lets go of it with the job. SQLite: nothing to wait for.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::store {

Result<bool> take_turn(Connection& c, std::string_view name);
Status wait_turn(Connection& c, std::string_view name);

// The advisory lock key of `name` (stable across processes and builds).
int64_t turn_key(std::string_view name);

}  // namespace warmcity::store
