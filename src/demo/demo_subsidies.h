// The demo district's elders' meal-subsidy table (issue #17 "Subsidy
// rules"), in force from the first of the demo's month: 60–69岁 ¥2, 70–79岁
// ¥3, 80岁以上 ¥5, 特困/低保 ¥7 a meal, lunch and dinner, the highest tier
// winning, at most ¥7 a day and ¥150 a month. A seed: written through
// canteens::SubsidyService as the system (an admin, user id 0) with the
// service's rules taking the day before that first as today — the service
// takes a version only for a day after today — so it is checked and audited
// (canteen_subsidy.create) like any other, its created_at and audit row at
// the real time. Internal to src/demo.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "core/time.h"
#include "store/database.h"

namespace warmcity::demo {

// The version's id.
Result<int64_t> create_subsidies(store::Database& db, const std::string& client_address,
                                 core::LocalDate today);

}  // namespace warmcity::demo
