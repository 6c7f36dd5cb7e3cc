// The demo's errands and visits (issue #16): a dozen and a half errands of
// the demo elders across every state (received … settled and confirmed, one
// cancelled, one overdue) and visits such that some elders are due today and
// some overdue, one nobody-answers escalation in progress and one reported
// change — recorded through ErrandService, VisitService and
// VisitRaiseService (one errand is raised from a visit's finding), every
// rule a real one passes. Internal to src/demo.
//
// Past moments come from the services' own clock: the errands are recorded
// by services opened on the demo's database with a clock the demo moves
// (received hours or days ago, each step an hour or so after the last);
// visits carry their visited_at (at most 30 days back, as the API allows).
// Due and overdue are then counted from the real time the demo ran.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "demo/demo_elders.h"
#include "eldercare/errand_service.h"
#include "store/database.h"

namespace warmcity::demo {

struct CareSummary {
  size_t errands = 0;
  size_t visits = 0;
  size_t changes = 0;
  size_t escalations = 0;
};

// `recorded`: the demo elders in lishi-elders.json's order (the teams
// already paired); `user_ids`: the demo users by username; `now`: the
// demo's moment (unix seconds); `on_complete`: the errands' hook when one
// becomes complete (ErrandOptions::on_complete; null: none).
Result<CareSummary> create_care(
    store::Database& db, const std::map<std::string, int64_t>& user_ids,
    const std::vector<RecordedElder>& recorded, const std::string& client_address, int64_t now,
    std::function<Status(store::Connection&, const eldercare::CompletedErrand&)> on_complete);

}  // namespace warmcity::demo
