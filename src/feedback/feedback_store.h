// SQL for the feedback table. Times are unix seconds (UTC).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/connection.h"
#include "store/database.h"

namespace warmcity::feedback {

struct Entry {
  int64_t id = 0;
  int64_t created_at = 0;
  int64_t user_id = 0;
  std::string topic;  // app | service | facility | other
  std::string message;
  std::optional<std::string> page;  // where in the app it was sent from
};

// A write job that inserts `e` (id and created_at are set by the job) and
// stores the new row into *out.
store::Database::WriteJob insert_job(Entry e, std::shared_ptr<Entry> out);

Result<std::vector<Entry>> list(store::Connection& c, std::optional<int64_t> before_id, int limit);
Result<Entry> get(store::Connection& c, int64_t id);

}  // namespace warmcity::feedback
