// The PostgreSQL side of store::Notifications (notifications.h): one
// connection of its own, LISTENing on a channel (internal to the engine).
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "store/notifications.h"
#include "store/postgres/pg_url.h"

namespace warmcity::store {

// Connects and LISTENs now, so that a wrong URL or a refused LISTEN fails
// here (kUnavailable / kInvalidArgument, a one-line message naming the URL
// without its password). Afterwards a lost connection never fails wait():
// wait() makes it again (returning at once when that works, since a
// notification may have been missed meanwhile) and otherwise sleeps its
// timeout and tries at the next call.
Result<std::unique_ptr<Notifications>> listen_postgres(const PgTarget& target,
                                                       const std::string& channel);

}  // namespace warmcity::store
