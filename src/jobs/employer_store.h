// SQL of the verified employers (table job_employers, module "jobs",
// job_migrations.cpp). Runs on the connection it is given. Prepared
// statements only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::jobs {

struct Employer {
  int64_t id = 0;
  std::string name;
  std::string credit_code;
  std::string address;
  int64_t verified_by_org = 0;
  std::string verified_by_org_name;  // read only
  int64_t verified_by = 0;
  int64_t verified_at = 0;
};

// The `%`, `_` and `!` of `text` escaped for `LIKE ? ESCAPE '!'`, inside %…%.
std::string like_substring(const std::string& text);

// Sets e.id; kConflict when an employer has the credit code already.
Status insert_employer(store::Connection& c, Employer& e);
// kNotFound when there is no employer `id`.
Result<Employer> get_employer(store::Connection& c, int64_t id);
// Employers whose name contains `q` (all when empty), newest first, ids
// below `before_id`, at most `limit`.
Result<std::vector<Employer>> list_employers(store::Connection& c, const std::string& q,
                                             std::optional<int64_t> before_id, int limit);

}  // namespace warmcity::jobs
