// SQL of the publishers list (table job_publishers, module "jobs"): the
// organisations whose department users publish and review job posts. Runs on
// the connection it is given. Prepared statements only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::jobs {

struct Publisher {
  int64_t organisation_id = 0;
  std::string name;
};

// Every publisher org, by name then id.
Result<std::vector<Publisher>> list_publishers(store::Connection& c);
// The organisation as a publisher would be: kNotFound when there is no
// organisation `org`, kUnprocessable (field organisation_id) when it is not
// of kind department.
Result<Publisher> department_org(store::Connection& c, int64_t org);
// Adds `org` (nothing when it is there); true when it was added.
Result<bool> add_publisher(store::Connection& c, int64_t org, int64_t by, int64_t at);
// Removes `org` (nothing when it is not there); true when it was removed.
Result<bool> remove_publisher(store::Connection& c, int64_t org);

}  // namespace warmcity::jobs
