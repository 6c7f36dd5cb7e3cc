// SQL for what visits raised (migration module "visit_raises",
// visit_raise_migrations.cpp):
//   visit_raises  one row per errand or appeal raised from a visit's finding
//                 (kind, target_id: the errand's or the appeal's id), who
//                 raised it and when; append-only, a target raised once.
// Runs on the connection it is given. Prepared statements only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::eldercare {

struct VisitRaise {
  int64_t id = 0;
  int64_t visit_id = 0;
  std::string kind;  // errand, appeal
  int64_t target_id = 0;
  int64_t raised_by = 0;
  int64_t raised_at = 0;
};

// Sets r.id.
Status insert_visit_raise(store::Connection& c, VisitRaise& r);
// What the elder's visits with ids in [from_id, to_id] raised, oldest first
// (a page of her visits: list_visits()).
Result<std::vector<VisitRaise>> visit_raises_of(store::Connection& c, int64_t elder_id,
                                                int64_t from_id, int64_t to_id);

}  // namespace warmcity::eldercare
