// Reads the facts behind the three rates from the appeals tables (appeals,
// appeal_events; their schema is the appeals module's, see
// src/appeals/README.md "For the Open311 and three-rates work"). Read-only:
// this module writes nothing. Names come from accounts (organisations) and
// areas (area_store.h). Every function runs on the connection it is given.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "rates/rates.h"
#include "store/connection.h"

namespace warmcity::rates {

// For each appeal, its last `callback` event with from <= at < until.
Result<std::vector<CallbackFact>> callbacks_between(store::Connection& c, int64_t from,
                                                    int64_t until);
// Appeals submitted in [from, until), merged duplicates left out.
Result<std::vector<SubmissionFact>> submissions_between(store::Connection& c, int64_t from,
                                                        int64_t until);
// Of those, the ones not yet accepted or not yet replied (index
// appeals_month_open): the overdue figures that depend on the time of asking.
Result<std::vector<SubmissionFact>> open_submissions_between(store::Connection& c, int64_t from,
                                                             int64_t until);
// Display names of the groups (organisation or area names); ids that name
// nothing are left out.
Result<std::map<int64_t, std::string>> group_names(store::Connection& c, Dimension by,
                                                   const std::vector<int64_t>& ids);

}  // namespace warmcity::rates
